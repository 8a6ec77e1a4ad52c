using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Blog.Web.Statistics;

/// <summary>
/// Views and readers as a bar chart in SVG, drawn on the server: readable without JavaScript, each bar's figures in its
/// tooltip (<c>&lt;title&gt;</c>), colours from the stylesheet's classes (so it follows light and dark, and needs no
/// inline style under the CSP). A year is drawn by week; shorter periods by day.
/// </summary>
public static class StatisticsChart
{
    private static readonly double[] StepFactors = [1, 2, 2.5, 5, 10];

    private const double Width = 800, Height = 300, Left = 68, Right = 8, Top = 14, Bottom = 44;

    /// <summary>One bar: a day, or a week of a long period.</summary>
    public sealed record Bar(DateOnly From, DateOnly To, int Views, int Readers);

    public static IReadOnlyList<Bar> Bars(IReadOnlyList<DayFigures> days)
    {
        var size = days.Count > 62 ? 7 : 1;
        var bars = new List<Bar>();

        // Weeks end on the last day, so the newest bar is always a whole week.
        for (var end = days.Count; end > 0; end -= size)
        {
            var start = Math.Max(0, end - size);
            var slice = days.Skip(start).Take(end - start).ToList();
            bars.Add(new Bar(slice[0].Day, slice[^1].Day, slice.Sum(d => d.Views), slice.Sum(d => d.Readers)));
        }

        bars.Reverse();
        return bars;
    }

    public static IHtmlContent Render(IReadOnlyList<DayFigures> days, CultureInfo culture, string id, string title)
    {
        var bars = Bars(days);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var top = NiceCeiling(bars.Count == 0 ? 0 : bars.Max(b => b.Views));
        var totalViews = bars.Sum(b => b.Views);
        var totalReaders = days.Sum(d => d.Readers);
        var busiest = bars.Count == 0 ? null : bars.MaxBy(b => b.Views);

        var svg = new StringBuilder(16_384);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"stats-chart\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        var description = days.Count == 0
            ? "No days."
            : string.Format(culture, "{0:N0} views and {1:N0} readers from {2} to {3}.", totalViews, totalReaders, Label(days[0].Day, culture), Label(days[^1].Day, culture))
              + (busiest is { Views: > 0 } ? string.Format(culture, " Busiest {0}: {1} with {2:N0} views.", busiest.From == busiest.To ? "day" : "week", BarLabel(busiest, culture), busiest.Views) : "");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode(description)}</desc>");

        // Grid and scale: five lines, 0 to the top.
        svg.Append("<g class=\"stats-chart__grid\">");
        for (var i = 0; i <= 4; i++)
        {
            var value = top * i / 4;
            var y = Top + plotHeight - plotHeight * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y + 5:0.#}\" text-anchor=\"end\">{Encode(value.ToString("N0", culture))}</text>");
        }

        svg.Append("</g>");

        var slot = bars.Count == 0 ? plotWidth : plotWidth / bars.Count;
        svg.Append("<g class=\"stats-chart__bars\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var x = Left + slot * i;
            var viewsHeight = top == 0 ? 0 : plotHeight * bar.Views / top;
            var readersHeight = top == 0 ? 0 : plotHeight * bar.Readers / top;
            svg.Append("<g>");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(string.Format(culture, "{0}: {1:N0} views, {2:N0} readers", BarLabel(bar, culture), bar.Views, bar.Readers))}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"stats-chart__hit\" x=\"{x:0.##}\" y=\"{Top}\" width=\"{slot:0.##}\" height=\"{plotHeight}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"stats-chart__views\" x=\"{x + slot * 0.1:0.##}\" y=\"{Top + plotHeight - viewsHeight:0.##}\" width=\"{slot * 0.8:0.##}\" height=\"{viewsHeight:0.##}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"stats-chart__readers\" x=\"{x + slot * 0.25:0.##}\" y=\"{Top + plotHeight - readersHeight:0.##}\" width=\"{slot * 0.5:0.##}\" height=\"{readersHeight:0.##}\"/>");
            svg.Append("</g>");
        }

        svg.Append("</g>");

        // Dates under the bars: about six, the first and last included.
        svg.Append("<g class=\"stats-chart__axis\">");
        var step = Math.Max(1, (int)Math.Ceiling(bars.Count / 6.0));
        var lastLabelled = 0;
        for (var i = 0; i < bars.Count; i += step)
        {
            lastLabelled = i;
            var anchor = i == 0 ? "start" : "middle";
            var x = i == 0 ? Left : Left + slot * (i + 0.5);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.##}\" y=\"{Height - 14}\" text-anchor=\"{anchor}\">{Encode(Label(bars[i].From, culture))}</text>");
        }

        // The last day too, unless it would run into the label before it.
        if (bars.Count > 1 && bars.Count - 1 - lastLabelled >= Math.Max(2, step * 0.7))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 14}\" text-anchor=\"end\">{Encode(Label(bars[^1].To, culture))}</text>");
        }

        svg.Append("</g></svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>
    /// The scale's top: four equal steps of 1, 2, 2.5 or 5 times a power of ten (whole numbers), at least 4, so every
    /// grid line has a round label and a quiet week still has a readable scale.
    /// </summary>
    public static int NiceCeiling(int value)
    {
        if (value <= 4)
        {
            return 4;
        }

        var quarter = value / 4.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(quarter)));
        foreach (var factor in StepFactors)
        {
            var step = factor * magnitude;
            if (step >= quarter && step == Math.Floor(step))
            {
                return (int)step * 4;
            }
        }

        return (int)(10 * magnitude) * 4;
    }

    private static string Label(DateOnly day, CultureInfo culture) => day.ToString("d MMM", culture);

    private static string BarLabel(Bar bar, CultureInfo culture) =>
        bar.From == bar.To ? bar.From.ToString("ddd d MMM yyyy", culture) : $"{Label(bar.From, culture)} – {bar.To.ToString("d MMM yyyy", culture)}";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
