using System.Text.RegularExpressions;
using System.Xml;
using Blog.Web.Markdown;
using Blog.Web.Portability.Import;

namespace Blog.Web.Tests.Portability;

/// <summary>Reading WXR as WordPress and Squarespace really write it; pure parsing, no app.</summary>
public sealed partial class WxrReaderTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static ImportSource Read(string fixture)
    {
        using var file = File.OpenRead(PortabilityHelpers.Fixture(fixture));
        return new WxrReader(Paris).Read(file);
    }

    [Fact]
    public void A_WordPress_export_brings_posts_pages_drafts_scheduled_posts_dates_slugs_terms_and_approved_comments()
    {
        var source = Read("wordpress-1.2.xml");

        var walk = source.Items.Single(i => i.Title == "Walking the Ridgeway");
        Assert.Equal(("walking-the-ridgeway", ImportKind.Post, ImportStatus.Published), (walk.Slug, walk.Kind, walk.Status));
        Assert.Equal(new DateTime(2019, 5, 3, 10, 0, 0, DateTimeKind.Utc), walk.PublishedAtUtc);
        Assert.Equal(["Travel"], walk.Categories);
        Assert.Equal(["Walking", "England"], walk.Tags);
        Assert.Equal("Four days on England's oldest road.", walk.Excerpt);
        Assert.Equal("/2019/05/walking-the-ridgeway", walk.OriginalPath);
        Assert.Equal("Ann Reader", Assert.Single(walk.Comments).AuthorName);
        Assert.DoesNotContain("wp:", walk.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("**Avebury**", walk.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("### The first day", walk.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("- Barrows and [Wayland's Smithy](https://example.org/wayland)", walk.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("![The ridge at dawn](IMAGE_BASE/ridge.png)", walk.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("> Walk on, walk on.", walk.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("<table>", walk.BodyMarkdown, StringComparison.Ordinal);

        var draft = source.Items.Single(i => i.Title == "Half-written thoughts");
        Assert.Equal(ImportStatus.Draft, draft.Status);
        Assert.Null(draft.Slug);
        Assert.Equal(new DateTime(2019, 6, 1, 6, 0, 0, DateTimeKind.Utc), draft.PublishedAtUtc); // 08:00 in Paris, summer time
        Assert.Contains("\n\nSecond paragraph", draft.BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal("", draft.OriginalPath);

        Assert.Equal(new DateTime(2030, 1, 1, 9, 0, 0, DateTimeKind.Utc), source.Items.Single(i => i.Title == "Coming soon").PublishedAtUtc);
        var about = source.Items.Single(i => i.Title == "About me");
        Assert.Equal((ImportKind.Page, 3, "/about-me"), (about.Kind, about.MenuOrder, about.OriginalPath));
        Assert.Equal(5, source.Items.Count + source.Skipped.Count);
        Assert.Contains("attachment", Assert.Single(source.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Squarespace_export_with_block_html_stray_control_characters_cdata_and_unknown_namespaces_reads()
    {
        var source = Read("squarespace.xml");

        Assert.Equal(["Notes from the coast", "Harbour lights"], source.Items.Select(i => i.Title));
        var notes = source.Items[0];
        Assert.Equal("The tide came in over the causeway and we waited.\n\nGulls argued on the harbour wall.\n", notes.BodyMarkdown);
        Assert.Equal("/blog/notes-from-the-coast", notes.OriginalPath);
        Assert.Equal(new DateTime(2020, 8, 14, 17, 30, 0, DateTimeKind.Utc), notes.PublishedAtUtc);
        Assert.Contains("Evening lights on the water.", source.Items[1].BodyMarkdown, StringComparison.Ordinal);
        Assert.DoesNotContain("sqs-block", source.Items[1].BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_item_is_skipped_with_its_title_and_position_and_the_rest_reads()
    {
        var source = Read("malformed-item.xml");

        Assert.Equal("A good post", Assert.Single(source.Items).Title);
        Assert.Collection(source.Skipped,
            empty => Assert.Equal((2, "neither a title nor any content"), (empty.Position, empty.Reason[(empty.Reason.IndexOf("neither", StringComparison.Ordinal))..])),
            date => Assert.Equal((3, "Bad date"), (date.Position, date.Title)));
        Assert.Contains("the thirty-second of May", source.Skipped[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_xml_fails_naming_the_line()
    {
        var error = Assert.Throws<XmlException>(() => Read("broken.xml"));

        Assert.Equal(11, error.LineNumber);
    }

    [Theory]
    [InlineData("wordpress-1.2.xml")]
    [InlineData("squarespace.xml")]
    public void Every_word_of_the_source_text_survives_conversion_to_markdown(string fixture)
    {
        using var file = File.OpenRead(PortabilityHelpers.Fixture(fixture));
        var document = new XmlDocument();
        using var filtered = XmlReader.Create(new XmlCharacterFilter(new StreamReader(file)), new XmlReaderSettings { CheckCharacters = false });
        document.Load(filtered);
        var contents = document.GetElementsByTagName("content:encoded").Cast<XmlNode>().Select(n => n.InnerText).ToList();
        var renderer = new MarkdownRenderer();

        foreach (var html in contents)
        {
            var sourceWords = Words(PlainText.FromHtml(Regex.Replace(html, "<!--.*?-->", "", RegexOptions.Singleline)));
            var rendered = Words(renderer.Render(HtmlToMarkdown.Convert(html)).PlainText);
            Assert.Empty(sourceWords.Except(rendered));
        }
    }

    private static HashSet<string> Words(string text) =>
        [.. WordPattern().Matches(text.Replace("’", "'", StringComparison.Ordinal)).Select(m => m.Value.ToLowerInvariant())];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
