using System.Globalization;

namespace Blog.Web.Statistics;

/// <summary>What the statistics pages share: the period links, the totals, the chart and its table.</summary>
public sealed record StatisticsFiguresView(
    StatisticsPeriod Period, IReadOnlyList<DayFigures> Daily, CultureInfo Culture, string ChartTitle, bool ShowFeeds, Func<int, string> PeriodUrl);
