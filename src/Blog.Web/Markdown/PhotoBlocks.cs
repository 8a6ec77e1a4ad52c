using System.Globalization;
using Blog.Web.Media;
using Markdig.Extensions.Figures;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Web.Markdown;

/// <summary>How wide a photo block is shown: the text column, the wider measure (<c>{.wide}</c>) or the window (<c>{.full}</c>).</summary>
public enum PhotoMeasure
{
    Column,
    Wide,
    Full,
}

/// <summary>
/// What one rendering of a text knows about its photos: the library's data, and whether a photo was already written
/// (the first is likely on the first screen, so it is not lazy).
/// </summary>
internal sealed class PhotoContext(LibraryImages images)
{
    public LibraryImages Images { get; } = images;

    public bool SeenFirst { get; set; }
}

/// <summary>
/// A paragraph of nothing but library photos, at the top level of the text, becomes a photo block: one photo is a
/// <c>&lt;figure class="photo"&gt;</c>, two or more (image lines with no blank line between them) a gallery in rows that
/// keep each photo's shape. <c>{.wide}</c> or <c>{.full}</c> after the photos widens the block. Each photo links to
/// its largest variant (what the lightbox script opens in place), and its caption is the Markdown's title
/// (<c>![description](/media/1/1600.jpg "Caption")</c>) or else the library's.
/// </summary>
internal sealed class PhotoParagraphRenderer(PhotoContext context) : ParagraphRenderer
{
    protected override void Write(HtmlRenderer renderer, ParagraphBlock paragraph)
    {
        var inFigure = paragraph.Parent is Figure;
        if (!(paragraph.Parent is MarkdownDocument || inFigure) || !TryReadPhotos(paragraph, out var photos, out var measure))
        {
            base.Write(renderer, paragraph);
            return;
        }

        renderer.EnsureLine();
        if (inFigure)
        {
            // A ^^^ figure brings its own <figure> and caption.
            foreach (var photo in photos)
            {
                WriteLinkedPicture(renderer, photo, PhotoSizes.Figure, lazy: context.SeenFirst);
                context.SeenFirst = true;
            }

            renderer.WriteLine();
            return;
        }

        var modifier = measure switch { PhotoMeasure.Wide => " photo--wide", PhotoMeasure.Full => " photo--full", _ => "" };
        if (photos.Count == 1)
        {
            var photo = photos[0];
            renderer.Write("<figure class=\"photo").Write(modifier).Write("\">");
            WriteLinkedPicture(renderer, photo, PhotoSizes.For(measure, 1), lazy: context.SeenFirst);
            WriteCaption(renderer, photo, "");
            renderer.WriteLine("</figure>");
            context.SeenFirst = true;
            return;
        }

        var lazyGallery = context.SeenFirst;
        renderer.Write("<figure class=\"gallery photo").Write(modifier).Write("\">");
        foreach (var row in GalleryLayout.Rows(photos.Select(p => p.Image.Width / (double)p.Image.Height).ToList(), measure))
        {
            renderer.Write("<div class=\"gallery__row\">");
            var rowRatio = row.Sum(i => photos[i].AspectRatio);
            foreach (var index in row)
            {
                var photo = photos[index];
                renderer.Write("<figure class=\"gallery__item ").Write(GalleryLayout.RatioClass(photo.AspectRatio)).Write("\">");
                WriteLinkedPicture(renderer, photo, PhotoSizes.For(measure, photo.AspectRatio / rowRatio, row.Count), lazyGallery);
                WriteCaption(renderer, photo, "");
                renderer.Write("</figure>");
            }

            renderer.Write("</div>");
            lazyGallery = true; // the first row of an opening gallery is on the first screen; the rest may wait
        }

        renderer.WriteLine("</figure>");
        context.SeenFirst = true;
    }

    private bool TryReadPhotos(ParagraphBlock paragraph, out List<Photo> photos, out PhotoMeasure measure)
    {
        photos = [];
        measure = MeasureOf(paragraph.TryGetAttributes());
        if (paragraph.Inline is null)
        {
            return false;
        }

        foreach (var inline in paragraph.Inline)
        {
            switch (inline)
            {
                case LinkInline { IsImage: true } link when context.Images.Find(link.GetDynamicUrl?.Invoke() ?? link.Url) is { } image:
                    photos.Add(new Photo(link, image));
                    measure = Max(measure, MeasureOf(link.TryGetAttributes()));
                    break;
                case LineBreakInline:
                    measure = Max(measure, MeasureOf(inline.TryGetAttributes()));
                    break;
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                    measure = Max(measure, MeasureOf(literal.TryGetAttributes()));
                    break;
                default:
                    return false;
            }
        }

        return photos.Count > 0;
    }

    private static PhotoMeasure MeasureOf(HtmlAttributes? attributes) =>
        attributes?.Classes is { } classes
            ? classes.Contains("full") ? PhotoMeasure.Full : classes.Contains("wide") ? PhotoMeasure.Wide : PhotoMeasure.Column
            : PhotoMeasure.Column;

    private static PhotoMeasure Max(PhotoMeasure a, PhotoMeasure b) => a > b ? a : b;

    private static void WriteLinkedPicture(HtmlRenderer renderer, Photo photo, string sizes, bool lazy)
    {
        var image = photo.Image;
        var largest = image.LargestWidth;
        renderer.Write("<a class=\"photo__link\" href=\"").WriteEscapeUrl(image.Url(largest, "jpg"))
            .Write("\" data-pswp-width=\"").Write(largest.ToString(CultureInfo.InvariantCulture))
            .Write("\" data-pswp-height=\"").Write(image.HeightAt(largest).ToString(CultureInfo.InvariantCulture))
            .Write("\" data-pswp-srcset=\"").WriteEscape(image.SrcSet("webp")).Write('"');
        if (!photo.HasAlt)
        {
            // The link's name comes from the photo's description; without one it still needs a name.
            renderer.Write(" aria-label=\"Open the photo\"");
        }

        renderer.Write('>');
        PictureWriter.Write(renderer, photo.Link, image, sizes, lazy, withTitle: false);
        renderer.Write("</a>");
    }

    private static void WriteCaption(HtmlRenderer renderer, Photo photo, string className)
    {
        var caption = !string.IsNullOrWhiteSpace(photo.Link.Title) ? photo.Link.Title : photo.Image.Caption;
        var camera = photo.Image.CameraDetails;
        if (string.IsNullOrWhiteSpace(caption) && string.IsNullOrWhiteSpace(camera))
        {
            return;
        }

        renderer.Write("<figcaption").Write(className.Length > 0 ? $" class=\"{className}\"" : "").Write('>');
        if (!string.IsNullOrWhiteSpace(caption))
        {
            renderer.WriteEscape(caption.Trim());
        }

        if (!string.IsNullOrWhiteSpace(camera))
        {
            renderer.Write("<span class=\"photo__camera\">").WriteEscape(camera).Write("</span>");
        }

        renderer.Write("</figcaption>");
    }

    private sealed record Photo(LinkInline Link, ResponsiveImage Image)
    {
        public double AspectRatio => Math.Clamp(Image.Width / (double)Image.Height, GalleryLayout.MinRatio, GalleryLayout.MaxRatio);

        public bool HasAlt => Link.FirstChild is not null || !string.IsNullOrWhiteSpace(Image.Alt);
    }
}

/// <summary>Writes a library photo's &lt;picture&gt;: WebP and JPEG at every width, its size, and how it loads.</summary>
internal static class PictureWriter
{
    public static void Write(HtmlRenderer renderer, LinkInline link, ResponsiveImage image, string sizes, bool lazy, bool withTitle)
    {
        var width = image.FallbackWidthValue;
        var height = image.HeightAt(width);
        renderer.Write("<picture><source type=\"image/webp\" srcset=\"").WriteEscape(image.SrcSet("webp"))
            .Write("\" sizes=\"").Write(sizes).Write("\" />");
        renderer.Write("<img src=\"").WriteEscapeUrl(image.FallbackUrl)
            .Write("\" srcset=\"").WriteEscape(image.SrcSet("jpg"))
            .Write("\" sizes=\"").Write(sizes)
            .Write("\" width=\"").Write(width.ToString(CultureInfo.InvariantCulture))
            .Write("\" height=\"").Write(height.ToString(CultureInfo.InvariantCulture))
            .Write("\" alt=\"");
        if (link.FirstChild is null)
        {
            renderer.WriteEscape(image.Alt ?? ""); // ![](url): the library's description stands in
        }
        else
        {
            // As Markdig writes alt: the description's text, without its formatting.
            var htmlForInline = renderer.EnableHtmlForInline;
            renderer.EnableHtmlForInline = false;
            renderer.WriteChildren(link);
            renderer.EnableHtmlForInline = htmlForInline;
        }

        renderer.Write('"');
        if (withTitle && !string.IsNullOrEmpty(link.Title))
        {
            renderer.Write(" title=\"").WriteEscape(link.Title).Write('"');
        }

        renderer.Write(lazy ? " loading=\"lazy\"" : "").Write(" decoding=\"async\" /></picture>");
    }
}

/// <summary>
/// The <c>sizes</c> of a photo block, so a browser downloads the width it shows: the text column is about 40rem
/// (68ch), the wider measure up to 64rem, the window its whole width; on phones the screen less its 1rem gutters. A
/// gallery photo gets its share of its row, less its share of the 0.5rem gaps between the row's photos.
/// </summary>
public static class PhotoSizes
{
    /// <summary>A photo in a ^^^ figure, which breaks out to 56rem on wide screens.</summary>
    public const string Figure = "(min-width: 64em) 56rem, (min-width: 44rem) 40rem, calc(100vw - 2rem)";

    private const double Gap = 0.5;

    private const double PhoneGutters = 2;

    /// <param name="share">The photo's part of its row's width (1 for a photo alone).</param>
    /// <param name="photosInRow">How many photos share the row (their gaps are not theirs).</param>
    public static string For(PhotoMeasure measure, double share, int photosInRow = 1)
    {
        var gaps = (photosInRow - 1) * Gap;
        string Rem(double measureRem) => Number(Math.Ceiling((measureRem - gaps) * share * 10) / 10) + "rem";
        string Screen(double gutters) => gutters + gaps == 0 && share >= 1
            ? "100vw"
            : $"calc({Number(Math.Ceiling(share * 1000) / 10)}vw - {Number(Math.Floor((gutters + gaps) * share * 100) / 100)}rem)";
        return measure switch
        {
            PhotoMeasure.Full => Screen(0),
            PhotoMeasure.Wide => $"(min-width: 68rem) {Rem(64)}, {Screen(PhoneGutters)}",
            _ => $"(min-width: 44rem) {Rem(40)}, {Screen(PhoneGutters)}",
        };
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Splits a gallery into rows whose photos share one height and fill the width, keeping every photo's shape (nothing
/// cropped but a sliver). Rows aim at a total aspect ratio that suits the measure, chosen for the whole gallery at
/// once, so a lone portrait is not left to tower over the last row.
/// </summary>
public static class GalleryLayout
{
    /// <summary>Aspect ratios are drawn in steps of 1/40, each a class of photos.css (<c>ar-60</c> is 1.5).</summary>
    public const int RatioSteps = 40;

    public const double MinRatio = 0.25;

    public const double MaxRatio = 4;

    public static string RatioClass(double ratio) =>
        "ar-" + ((int)Math.Round(Math.Clamp(ratio, MinRatio, MaxRatio) * RatioSteps)).ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<IReadOnlyList<int>> Rows(IReadOnlyList<double> ratios, PhotoMeasure measure)
    {
        var (target, maxPerRow) = measure switch
        {
            PhotoMeasure.Full => (4.2, 5),
            PhotoMeasure.Wide => (3.2, 4),
            _ => (2.6, 3),
        };
        var n = ratios.Count;
        var cost = new double[n + 1];
        var start = new int[n + 1];
        for (var end = 1; end <= n; end++)
        {
            cost[end] = double.MaxValue;
            var sum = 0.0;
            for (var first = end - 1; first >= 0 && end - first <= maxPerRow; first--)
            {
                sum += Math.Clamp(ratios[first], MinRatio, MaxRatio);
                // Too few photos in a row make them tall; too many make them small: both cost alike.
                var rowCost = Math.Pow(Math.Log(sum / target), 2);
                if (cost[first] + rowCost < cost[end])
                {
                    cost[end] = cost[first] + rowCost;
                    start[end] = first;
                }
            }
        }

        var rows = new List<IReadOnlyList<int>>();
        for (var end = n; end > 0; end = start[end])
        {
            rows.Insert(0, Enumerable.Range(start[end], end - start[end]).ToList());
        }

        return rows;
    }
}

public static class PhotoMarkup
{
    /// <summary>Whether rendered text has photo blocks: only then does a page load the photo stylesheet and the lightbox.</summary>
    public static bool HasPhotos(string? html) => html?.Contains("class=\"photo__link\"", StringComparison.Ordinal) == true;
}
