using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Posts;

public class TaxonomyAndArchiveTests : IDisposable
{
    private readonly BlogFactory app;

    public TaxonomyAndArchiveTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (TaxonomyAndArchiveTestsOnPostgreSql).</summary>
    protected TaxonomyAndArchiveTests(BlogFactory app) => this.app = app;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }
    }

    [Fact]
    public async Task Tag_page_lists_only_visible_posts_with_that_tag()
    {
        await app.AddPostAsync("Harbour", app.UtcNow.AddDays(-2), tags: ["Sea"]);
        await app.AddPostAsync("Cliffs", app.UtcNow.AddDays(-1), tags: ["Sea", "Rocks"]);
        await app.AddPostAsync("Inland", tags: ["Rocks"]);
        await app.AddPostAsync("Sea draft", draft: true, tags: ["Sea"]);

        var page = await app.CreateReader().GetDocumentAsync("/blog/tag/sea");

        Assert.Equal("Sea", page.Text("h1"));
        Assert.Equal(["Cliffs", "Harbour"], page.Texts(".post-card__title"));
    }

    [Fact]
    public async Task Tag_and_category_pages_paginate()
    {
        await app.UpdateSettingsAsync(s => s.PostsPerPage = 1);
        await app.AddPostAsync("One", app.UtcNow.AddDays(-1), category: "Essays", tags: ["Life"]);
        await app.AddPostAsync("Two", category: "Essays", tags: ["Life"]);
        var reader = app.CreateReader();

        Assert.Equal(["One"], (await reader.GetDocumentAsync("/blog/tag/life/page/2")).Texts(".post-card__title"));
        Assert.Equal(["One"], (await reader.GetDocumentAsync("/blog/category/essays/page/2")).Texts(".post-card__title"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/blog/category/essays/page/3")).StatusCode);
    }

    [Fact]
    public async Task Category_page_shows_its_description_and_posts()
    {
        await app.AddPostAsync("Portrait of a baker", category: "Portraits");
        await app.WithDbAsync(async db =>
        {
            var category = db.Categories.Single(c => c.Slug == "portraits");
            category.Description = "People at work.";
            await db.SaveChangesAsync();
        });

        var page = await app.CreateReader().GetDocumentAsync("/blog/category/portraits");

        Assert.Equal("Portraits", page.Text("h1"));
        Assert.Equal("People at work.", page.Text(".page-header__description"));
        Assert.Equal(["Portrait of a baker"], page.Texts(".post-card__title"));
    }

    [Theory]
    [InlineData("/blog/tag/nothing")]
    [InlineData("/blog/category/nothing")]
    [InlineData("/archive/2019")]
    [InlineData("/archive/2026/13")]
    public async Task Unknown_terms_and_empty_archive_periods_are_404(string url)
    {
        await app.AddPostAsync("Something");

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Archive_groups_posts_by_month_in_the_blogs_time_zone()
    {
        await app.UpdateSettingsAsync(s => s.TimeZoneId = "America/New_York");
        await app.AddPostAsync("May evening", new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc)); // 31 May, 22:00 in New York
        await app.AddPostAsync("June morning", new DateTime(2026, 6, 1, 11, 0, 0, DateTimeKind.Utc));
        await app.AddPostAsync("Next year's draft", draft: true);
        var reader = app.CreateReader();

        var archive = await reader.GetDocumentAsync("/archive");
        var may = await reader.GetDocumentAsync("/archive/2026/5");
        var year = await reader.GetDocumentAsync("/archive/2026");

        Assert.Equal(["June 2026", "May 2026"], archive.Texts(".archive-months > li > a"));
        Assert.Equal(["1 post", "1 post"], archive.Texts(".archive-months > li > .archive-count"));
        Assert.Equal(["June morning", "May evening"], archive.Texts(".archive-months .archive-list a")); // each month's posts by title
        Assert.Equal(["May evening"], may.Texts(".archive-list a"));
        Assert.Equal(["June morning", "May evening"], year.Texts(".archive-list a"));
    }

    [Fact]
    public async Task Static_pages_have_their_own_address_and_appear_in_the_navigation_in_order()
    {
        await app.AddStaticPageAsync("Contact", menuOrder: 2);
        await app.AddStaticPageAsync("About", menuOrder: 1, body: "I take **photographs**.");
        await app.AddStaticPageAsync("Hidden", inNavigation: false);
        await app.AddStaticPageAsync("Unfinished", draft: true);
        var reader = app.CreateReader();

        var about = await reader.GetDocumentAsync("/about");

        Assert.Equal("About", about.Text("h1"));
        Assert.Equal("photographs", about.Text(".post__body strong"));
        Assert.Equal(["Home", "About", "Contact", "Archive"], about.Texts(".site-nav a"));
        Assert.Equal("page", about.QuerySelector(".site-nav a[href='/about']")!.GetAttribute("aria-current"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/hidden")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/unfinished")).StatusCode);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class TaxonomyAndArchiveTestsOnPostgreSql() : TaxonomyAndArchiveTests(new PostgresBlogFactory());
