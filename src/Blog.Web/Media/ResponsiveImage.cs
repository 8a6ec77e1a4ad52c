using System.Globalization;
using System.Text.RegularExpressions;

namespace Blog.Web.Media;

/// <summary>
/// A library photo as readers' pages need it: its addresses, and the <c>srcset</c> a browser picks a width from.
/// Which widths exist follows from the photo's own width alone, so the pages need no lookup per variant.
/// </summary>
public sealed partial record ResponsiveImage(int Id, int Width, int Height, string? Alt)
{
    /// <summary>The library's caption, shown under the photo when the Markdown gives none.</summary>
    public string? Caption { get; init; }

    /// <summary>Camera, lens and exposure as one line, set only when the blog shows camera details.</summary>
    public string? CameraDetails { get; init; }

    /// <summary>Where the crop of a cover centres, in percent of the width and height (50, 50: the middle).</summary>
    public FocalPoint Focus { get; init; } = FocalPoint.Centre;

    /// <summary>Widths made at upload: 480 for phones up to 2400 for wide, dense screens.</summary>
    public static readonly IReadOnlyList<int> StandardWidths = [480, 960, 1600, 2400];

    /// <summary>The width a Markdown image or cover points at, readable by anything that ignores srcset.</summary>
    private const int FallbackWidth = 1600;

    /// <summary>For a body column of about 40rem; full width on phones.</summary>
    public const string BodySizes = "(min-width: 44rem) 40rem, 100vw";

    /// <summary>The standard widths narrower than the photo, then the photo's own width (capped at the largest).</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var widths = StandardWidths.Where(w => w < width).ToList();
        var widest = Math.Min(width, StandardWidths[^1]);
        if (!widths.Contains(widest))
        {
            widths.Add(widest);
        }

        return widths;
    }

    public IReadOnlyList<int> Widths => WidthsFor(Width);

    public int HeightAt(int width) => HeightAt(Width, Height, width);

    /// <summary>The height of a variant <paramref name="width"/> wide, keeping the photo's proportions.</summary>
    public static int HeightAt(int fullWidth, int fullHeight, int width) => Math.Max(1, (int)Math.Round(fullHeight * (double)width / fullWidth));

    public string Url(int width, string extension) => SitePaths.MediaFile(Id, width.ToString(CultureInfo.InvariantCulture), extension);

    public string SrcSet(string extension) =>
        string.Join(", ", Widths.Select(w => string.Create(CultureInfo.InvariantCulture, $"{Url(w, extension)} {w}w")));

    /// <summary>The widest variant: what a photo's link opens, without the lightbox script.</summary>
    public int LargestWidth => Widths[^1];

    public int FallbackWidthValue => Widths.LastOrDefault(w => w <= FallbackWidth, Widths[0]);

    /// <summary>The JPEG an author's Markdown points at; readers' pages turn it into a &lt;picture&gt;.</summary>
    public string FallbackUrl => Url(FallbackWidthValue, "jpg");

    public string OriginalUrl(string extension) => SitePaths.MediaFile(Id, MediaVariant.Original, extension);

    public string Markdown => $"![{EscapeAlt(Alt)}]({FallbackUrl})";

    /// <summary>The library photo a site-relative address points at, if it is one.</summary>
    public static bool TryParseId(string? url, out int id)
    {
        id = 0;
        var match = url is null ? null : LibraryUrl().Match(url);
        return match is { Success: true } && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>Every library photo id a Markdown text refers to.</summary>
    public static IReadOnlySet<int> IdsIn(string? text)
    {
        var ids = new HashSet<int>();
        foreach (Match match in LibraryUrlInText().Matches(text ?? ""))
        {
            if (int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The text a post refers to the photo by, for finding the posts that use it.</summary>
    public static string UrlPrefix(int id) => SitePaths.MediaFolder(id);

    private static string EscapeAlt(string? alt) =>
        (alt ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)
            .ReplaceLineEndings(" ");

    [GeneratedRegex(@"^/media/(\d{1,9})/[a-z0-9]+\.(?:webp|jpg|png)$")]
    private static partial Regex LibraryUrl();

    [GeneratedRegex(@"/media/(\d{1,9})/")]
    private static partial Regex LibraryUrlInText();
}
