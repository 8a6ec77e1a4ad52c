using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Markdown;

public sealed class PhotoBlockTests
{
    private static readonly LibraryImages Library = new(new Dictionary<int, ResponsiveImage>
    {
        [1] = new(1, 6000, 4000, "Harbour at dawn") { Caption = "Camogli, in March" },
        [2] = new(2, 4000, 6000, "A fisherman mending nets"),
        [3] = new(3, 6000, 4000, "Boats drawn up on the shingle") { Caption = "Low tide", CameraDetails = "X100V · 23 mm · ƒ/2 · 1/250 s · ISO 400" },
        [4] = new(4, 3000, 3000, null),
    });

    private static AngleSharp.Dom.IDocument Render(string markdown) => Html.Parse(new MarkdownRenderer().RenderHtml(markdown, Library));

    [Fact]
    public void Image_lines_without_a_blank_line_between_them_form_a_gallery_in_rows_that_keep_each_shape()
    {
        var page = Render("Text.\n\n![](/media/1/1600.jpg)\n![](/media/2/1600.jpg)\n![](/media/3/1600.jpg)\n![](/media/4/1600.jpg)\n\nMore text.");

        var gallery = page.QuerySelector("figure.gallery")!;
        var items = gallery.QuerySelectorAll(".gallery__row > figure.gallery__item");
        Assert.Equal(4, items.Length);
        Assert.Contains("ar-60", items[0].ClassList); // 3:2
        Assert.Contains("ar-27", items[1].ClassList); // 2:3
        Assert.Contains("ar-40", items[3].ClassList); // square
        Assert.Empty(page.QuerySelectorAll("p > picture, p > a"));
        Assert.Equal(2, page.QuerySelectorAll(".prose p, p").Length); // only the two paragraphs of text remain paragraphs
    }

    [Fact]
    public void Each_gallery_photo_gets_sizes_for_its_share_of_the_row_and_links_to_its_largest_file()
    {
        var page = Render("![](/media/1/1600.jpg)\n![](/media/3/1600.jpg)");

        var rows = page.QuerySelectorAll(".gallery__row");
        Assert.Single(rows); // two landscapes make one row
        var images = rows[0].QuerySelectorAll("img");
        Assert.All(images, img => Assert.Equal("(min-width: 44rem) 19.8rem, calc(50vw - 1.25rem)", img.GetAttribute("sizes")));
        var link = page.QuerySelector("a.photo__link")!;
        Assert.Equal("/media/1/2400.jpg", link.GetAttribute("href"));
        Assert.Equal(("2400", "1600"), (link.GetAttribute("data-pswp-width"), link.GetAttribute("data-pswp-height")));
        Assert.StartsWith("/media/1/480.webp 480w", link.GetAttribute("data-pswp-srcset"), StringComparison.Ordinal);
        Assert.All(images, img => Assert.Null(img.GetAttribute("loading"))); // an opening gallery's first row is on the first screen
    }

    [Fact]
    public void Wide_and_full_blocks_break_out_and_their_sizes_follow()
    {
        var wide = Render("![Harbour](/media/1/1600.jpg){.wide}");
        var full = Render("![](/media/1/1600.jpg)\n![](/media/3/1600.jpg)\n{.full}");

        Assert.NotNull(wide.QuerySelector("figure.photo.photo--wide"));
        Assert.Equal("(min-width: 68rem) 64rem, calc(100vw - 2rem)", wide.QuerySelector("img")!.GetAttribute("sizes"));
        Assert.NotNull(full.QuerySelector("figure.gallery.photo--full"));
        Assert.Equal("calc(50vw - 0.25rem)", full.QuerySelector("img")!.GetAttribute("sizes"));
        Assert.DoesNotContain("{.full}", full.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_caption_is_the_figcaption_unless_the_markdown_gives_one_and_camera_details_follow_it()
    {
        var page = Render("![](/media/1/1600.jpg)\n\n![Boats](/media/3/1600.jpg \"Written in the post\")\n\n![](/media/2/1600.jpg)");

        var figures = page.QuerySelectorAll("figure.photo");
        Assert.Equal("Camogli, in March", figures[0].QuerySelector("figcaption")!.TextContent);
        Assert.Equal("Written in the post", figures[1].QuerySelector("figcaption")!.ChildNodes[0].TextContent);
        Assert.Equal("X100V · 23 mm · ƒ/2 · 1/250 s · ISO 400", figures[1].QuerySelector(".photo__camera")!.TextContent);
        Assert.Null(figures[2].QuerySelector("figcaption"));
        Assert.Equal("lazy", figures[2].QuerySelector("img")!.GetAttribute("loading"));
    }

    [Fact]
    public void A_photo_without_a_description_still_gives_its_link_a_name()
    {
        var page = Render("![](/media/4/1600.jpg)");

        Assert.Equal("Open the photo", page.QuerySelector("a.photo__link")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Paragraphs_mixing_text_and_photos_or_other_images_stay_paragraphs()
    {
        var page = Render("Look: ![](/media/1/1600.jpg)\n\n![a](https://example.com/a.jpg)\n![](/media/2/1600.jpg)");

        Assert.Null(page.QuerySelector("figure"));
        Assert.Equal(2, page.QuerySelectorAll("p").Length);
    }

    [Fact]
    public void Rows_avoid_leaving_a_lone_tall_photo_at_the_end()
    {
        var rows = GalleryLayout.Rows([1.5, 1.5, 1.5, 1.5, 0.67], PhotoMeasure.Column);

        Assert.Equal(5, rows.Sum(r => r.Count));
        Assert.All(rows, row => Assert.InRange(row.Count, 2, 3));
        Assert.Equal([0, 1, 2, 3, 4], rows.SelectMany(r => r));
    }
}
