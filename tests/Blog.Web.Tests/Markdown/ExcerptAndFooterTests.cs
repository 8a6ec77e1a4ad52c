using Blog.Web.Markdown;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Markdown;

public sealed class ExcerptAndFooterTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public void The_prose_an_excerpt_starts_from_leaves_out_headings_code_tables_and_photo_captions()
    {
        var rendered = new MarkdownRenderer().Render("# Building a Career\n\nBalancing motherhood and work.\n\n```\ncode()\n```\n\n| a |\n|---|\n| b |\n\n^^^\n![x](/x.jpg)\n^^^ A caption\n\nThe end.");

        Assert.Equal("Balancing motherhood and work. The end.", rendered.Prose);
        Assert.Contains("Building a Career", rendered.PlainText, StringComparison.Ordinal); // search still finds headings
    }

    [Fact]
    public async Task A_generated_excerpt_does_not_run_the_first_heading_into_the_text_and_the_footer_names_the_blog()
    {
        await app.UpdateSettingsAsync(s => { s.BlogTitle = "Harbour Light"; s.FooterText = null; });
        await app.AddPostAsync("Work and home", body: "## Building a Career\n\nBalancing motherhood and photography is hard.");

        var home = await app.CreateReader().GetDocumentAsync("/");

        Assert.Equal("Balancing motherhood and photography is hard.", home.Text(".post-card__excerpt"));
        Assert.Equal("© Harbour Light", home.Text(".site-footer__text"));
        Assert.DoesNotContain("Blog.Web", home.Text(".site-footer"), StringComparison.Ordinal);
    }
}
