using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Media;

public sealed class LibraryImageMarkdownTests
{
    private static readonly LibraryImages Library = new(new Dictionary<int, ResponsiveImage>
    {
        [7] = new(7, 6000, 4000, "Boats in the harbour"),
        [8] = new(8, 700, 1050, null),
    });

    [Fact]
    public void A_library_image_renders_as_a_picture_with_webp_and_jpeg_srcsets_sizes_width_and_height()
    {
        var html = new MarkdownRenderer().RenderHtml("Intro.\n\n![Red boats](/media/7/1600.jpg \"At dawn\")", Library);

        var page = Html.Parse(html);
        var source = page.QuerySelector("picture > source")!;
        var img = page.QuerySelector("picture > img")!;
        Assert.Equal("image/webp", source.GetAttribute("type"));
        Assert.Equal("/media/7/480.webp 480w, /media/7/960.webp 960w, /media/7/1600.webp 1600w, /media/7/2400.webp 2400w", source.GetAttribute("srcset"));
        Assert.Equal(PhotoSizes.For(PhotoMeasure.Column, 1), source.GetAttribute("sizes"));
        Assert.Equal("/media/7/1600.jpg", img.GetAttribute("src"));
        Assert.Equal("/media/7/480.jpg 480w, /media/7/960.jpg 960w, /media/7/1600.jpg 1600w, /media/7/2400.jpg 2400w", img.GetAttribute("srcset"));
        Assert.Equal("(min-width: 44rem) 40rem, calc(100vw - 2rem)", img.GetAttribute("sizes"));
        Assert.Equal(("1600", "1067"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("Red boats", "async"), (img.GetAttribute("alt"), img.GetAttribute("decoding")));
        Assert.Equal("At dawn", page.QuerySelector("figure.photo > figcaption")!.TextContent); // the Markdown's title is the caption
    }

    [Fact]
    public void The_first_photo_loads_at_once_the_rest_lazily_and_an_empty_description_falls_back_to_the_library()
    {
        var html = new MarkdownRenderer().RenderHtml("![](/media/7/960.webp)\n\n![](/media/8/700.jpg)", Library);

        var images = Html.Parse(html).QuerySelectorAll("picture img");
        Assert.Equal(2, images.Length);
        Assert.Null(images[0].GetAttribute("loading"));
        Assert.Equal("lazy", images[1].GetAttribute("loading"));
        Assert.Equal("Boats in the harbour", images[0].GetAttribute("alt"));
        Assert.Equal("", images[1].GetAttribute("alt"));
        Assert.Equal("/media/8/480.webp 480w, /media/8/700.webp 700w", Html.Parse(html).QuerySelectorAll("source")[1].GetAttribute("srcset"));
    }

    [Fact]
    public void Other_images_and_unknown_library_ids_render_as_plain_images()
    {
        var html = new MarkdownRenderer().RenderHtml("![a](https://example.com/a.jpg) ![b](/media/99/480.jpg)", Library);

        Assert.DoesNotContain("<picture", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://example.com/a.jpg\" alt=\"a\"", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/media/99/480.jpg\" alt=\"b\"", html, StringComparison.Ordinal);
    }
}
