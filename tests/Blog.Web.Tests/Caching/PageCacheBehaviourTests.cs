using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Blog.Web.Caching;
using Blog.Web.Editing;
using Blog.Web.Tests.Infrastructure;
using static Blog.Web.Tests.Caching.PageCacheResponses;
using Blog.Web.Tests.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Caching;

/// <summary>What the page cache keeps, for whom, under which address, and what takes it away.</summary>
public sealed class PageCacheBehaviourTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_shared_link_with_tracking_parameters_is_answered_with_the_cached_page()
    {
        await app.AddPostAsync("Harbour light");
        var reader = app.CreateReader();

        var plain = await reader.GetStringAsync("/blog/harbour-light");
        var shared = await reader.GetAsync("/blog/harbour-light?utm_source=newsletter&fbclid=abc");

        Assert.True(FromCache(shared));
        Assert.Equal(plain, await shared.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_query_parameter_the_page_does_not_declare_never_reaches_it_so_it_cannot_poison_the_cache()
    {
        await app.UpdateSettingsAsync(s => s.PostsPerPage = 2);
        await app.AddDailyPostsAsync(4);
        var reader = app.CreateReader();

        // Model binding would read pageNumber from the query: had it reached the page, page 2 would be kept as "/".
        var sneaky = await reader.GetDocumentAsync("/?pageNumber=2");
        var home = await reader.GetAsync("/");

        Assert.Equal(["Post 4", "Post 3"], sneaky.Texts(".post-card__title"));
        Assert.True(FromCache(home));
        Assert.Equal(["Post 4", "Post 3"], Html.Parse(await home.Content.ReadAsStringAsync()).Texts(".post-card__title"));
    }

    [Fact]
    public async Task Search_results_are_kept_per_query()
    {
        await app.AddPostAsync("Harbour at dawn", body: "The harbour was quiet.");
        await app.AddPostAsync("Market day", body: "The market was loud.");
        var reader = app.CreateReader();

        await reader.GetAsync("/search?q=harbour");
        await reader.GetAsync("/search?q=market");
        var harbour = await reader.GetAsync("/search?q=harbour");
        var market = await reader.GetAsync("/search?q=market");

        Assert.True(FromCache(harbour));
        Assert.True(FromCache(market));
        Assert.Contains("Harbour at dawn", await harbour.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour at dawn", await market.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_kept_per_host_so_a_forged_host_header_cannot_change_what_others_get()
    {
        await app.AddPostAsync("Canonical");
        var reader = app.CreateReader();

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/blog/canonical");
        forged.Headers.Host = "evil.example";
        var forgedPage = await (await reader.SendAsync(forged)).Content.ReadAsStringAsync();
        var page = await reader.GetDocumentAsync("/blog/canonical");

        Assert.Contains("evil.example", forgedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_cached_page_is_sent_compressed_as_the_reader_asks_and_reads_the_same(string encoding)
    {
        await app.AddPostAsync("Squeezed", body: string.Join(' ', Enumerable.Repeat("compressible words", 300)));
        var reader = app.CreateReader();
        var plain = await reader.GetStringAsync("/blog/squeezed");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/blog/squeezed");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await reader.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Stream decoded = encoding == "br"
            ? new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);

        Assert.True(FromCache(response));
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(bytes.Length < plain.Length / 3);
        Assert.Equal(plain, await new StreamReader(decoded).ReadToEndAsync());
    }

    [Fact]
    public async Task A_coding_refused_with_q_0_is_not_used()
    {
        await app.AddPostAsync("Plain please", body: string.Join(' ', Enumerable.Repeat("words", 300)));
        var reader = app.CreateReader();
        await reader.GetAsync("/blog/plain-please");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/blog/plain-please");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=0, gzip");
        var response = await reader.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task The_validator_comes_from_the_bytes_so_a_save_that_leaves_a_page_unchanged_still_answers_304()
    {
        await app.AddPostAsync("Unchanged");
        var reader = app.CreateReader();
        var first = await reader.GetAsync("/blog/unchanged");

        await app.AddPostAsync("A draft elsewhere", draft: true); // a save: the cache is emptied, the page reads the same
        using var revisit = new HttpRequestMessage(HttpMethod.Get, "/blog/unchanged");
        revisit.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await reader.SendAsync(revisit);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task HEAD_is_answered_from_the_cache_with_the_length_and_no_body()
    {
        await app.AddPostAsync("Heads up");
        var reader = app.CreateReader();
        var page = await reader.GetByteArrayAsync("/blog/heads-up");

        var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/blog/heads-up"));

        Assert.True(FromCache(head));
        Assert.Equal(page.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_autosave_while_the_author_types_keeps_the_cached_pages()
    {
        await app.AddPostAsync("Busy day");
        var reader = app.CreateReader();
        await reader.GetAsync("/");

        await app.WithDbAsync(async db =>
        {
            db.Autosaves.Add(new Autosave($"new-post:{Guid.NewGuid():N}") { Title = "Draft title", BodyMarkdown = "Draft text", SavedAtUtc = app.UtcNow });
            await db.SaveChangesAsync();
        });

        Assert.True(FromCache(await reader.GetAsync("/")));
    }

    [Fact]
    public async Task Describing_a_photo_again_empties_the_cache()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("harbour.jpg", TestImages.Jpeg(64, 48)));
        await app.AddPostAsync("With a photo", body: $"![Boats](/media/{id}/original.jpg)");
        var reader = app.CreateReader();
        await reader.GetAsync("/blog/with-a-photo");
        Assert.True(FromCache(await reader.GetAsync("/blog/with-a-photo")));

        var saved = await owner.SubmitFormAsync($"/admin/media/{id}", new Dictionary<string, string> { ["Input.AltText"] = "Boats at dawn" }, formSelector: "#media-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(FromCache(await reader.GetAsync("/blog/with-a-photo")));
    }
}

/// <summary>The cache's bounds: a page too large to keep, a cache that stays within its size, and the cache switched off.</summary>
public sealed class PageCacheLimitTests : IDisposable
{
    private readonly BlogFactory app = new()
    {
        ExtraServices = services => services.Configure<PageCacheOptions>(o =>
        {
            o.SizeLimitBytes = 64 * 1024;
            o.MaximumBodyBytes = 16 * 1024;
        }),
    };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_page_larger_than_the_limit_is_sent_whole_and_not_kept()
    {
        var longBody = string.Join("\n\n", Enumerable.Range(1, 600).Select(i => $"Paragraph {i} about the long walk along the coast."));
        await app.AddPostAsync("Very long", body: longBody);
        var reader = app.CreateReader();

        var first = await reader.GetStringAsync("/blog/very-long");
        var second = await reader.GetAsync("/blog/very-long");

        Assert.Contains("Paragraph 600 about", first, StringComparison.Ordinal);
        Assert.Null(second.Headers.Age);
        Assert.Equal(first, await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_cache_stays_within_its_size_however_many_pages_are_read()
    {
        var posts = await app.AddDailyPostsAsync(30);
        var reader = app.CreateReader();

        foreach (var post in posts)
        {
            await reader.GetAsync($"/blog/{post.Slug}");
        }

        var cache = app.Services.GetRequiredService<PageCache>();
        Assert.InRange(cache.Size, 1, 64 * 1024);
        Assert.InRange(cache.Count, 1, 29);
    }
}

public sealed class PageCacheOffTests : IDisposable
{
    private readonly BlogFactory app = new() { ExtraServices = services => services.Configure<PageCacheOptions>(o => o.Enabled = false) };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Switched_off_every_request_renders_and_is_still_compressed()
    {
        await app.AddPostAsync("Fresh", body: string.Join(' ', Enumerable.Repeat("compressible words", 300)));
        var reader = app.CreateReader();
        await reader.GetAsync("/blog/fresh");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/blog/fresh");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await reader.SendAsync(request);

        Assert.Null(response.Headers.Age);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal(0, app.Services.GetRequiredService<PageCache>().Count);
    }

    [Fact]
    public async Task What_the_read_cache_remembers_gives_way_to_an_edit_at_once()
    {
        var post = await app.AddPostAsync("Edited later", body: "First words.");
        await app.AddPostAsync("Next door");
        var reader = app.CreateReader();
        await reader.GetAsync("/blog/edited-later");
        await reader.GetAsync("/blog/next-door");
        await reader.GetAsync("/");

        await app.WithDbAsync(async (db, services) =>
        {
            var saved = await db.Posts.FindAsync(post.Id);
            saved!.Title = "Edited now";
            saved.SetBody("Second words.", services.GetRequiredService<Blog.Web.Markdown.MarkdownRenderer>(), app.UtcNow);
            await db.SaveChangesAsync();
            return true;
        });

        Assert.Contains("Second words.", await reader.GetStringAsync("/blog/edited-later"), StringComparison.Ordinal);
        Assert.Contains("Edited now", (await reader.GetDocumentAsync("/")).Texts(".post-card__title"));
        var nextDoor = await reader.GetDocumentAsync("/blog/next-door");
        Assert.Equal("Edited now", nextDoor.Text(".prev-next__previous .prev-next__title"));
        Assert.Equal(["Edited now"], nextDoor.Texts(".related-posts .post-card__title"));
    }

    [Fact]
    public async Task A_kept_tag_or_category_page_gives_way_to_an_edit_at_once()
    {
        var post = await app.AddPostAsync("Harbour at noon", category: "Walks", tags: ["Sea"]);
        var reader = app.CreateReader();
        Assert.Equal(["Harbour at noon"], (await reader.GetDocumentAsync("/blog/tag/sea")).Texts(".post-card__title"));
        Assert.Equal(["Harbour at noon"], (await reader.GetDocumentAsync("/blog/category/walks")).Texts(".post-card__title"));

        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Posts.FindAsync(post.Id))!.Title = "Harbour at dusk";
            (await db.Categories.SingleAsync(c => c.Slug == "walks")).Description = "Long ones, by the sea.";
            await db.SaveChangesAsync();
            return true;
        });

        Assert.Equal(["Harbour at dusk"], (await reader.GetDocumentAsync("/blog/tag/sea")).Texts(".post-card__title"));
        var category = await reader.GetDocumentAsync("/blog/category/walks");
        Assert.Equal(["Harbour at dusk"], category.Texts(".post-card__title"));
        Assert.Equal("Long ones, by the sea.", category.Text(".page-header__description"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/blog/tag/no-such-tag")).StatusCode);
    }

    [Fact]
    public async Task A_page_read_between_a_save_and_its_commit_gives_way_to_the_saved_version_once_committed()
    {
        var post = await app.AddPostAsync("Mid save", body: "Before the save.");
        var reader = app.CreateReader();
        await reader.GetAsync("/blog/mid-save");

        await app.WithDbAsync(async (db, services) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var saved = await db.Posts.FindAsync(post.Id);
            saved!.SetBody("After the save.", services.GetRequiredService<Blog.Web.Markdown.MarkdownRenderer>(), app.UtcNow);
            await db.SaveChangesAsync();

            // Saved but not committed: a reader still gets the old words (and the page cache may keep them).
            Assert.Contains("Before the save.", await reader.GetStringAsync("/blog/mid-save"), StringComparison.Ordinal);
            await transaction.CommitAsync();
            return true;
        });

        Assert.Contains("After the save.", await reader.GetStringAsync("/blog/mid-save"), StringComparison.Ordinal);
    }
}
