using System.Text;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

/// <summary>The editor as an author uses it for a long essay: on a wide screen, on a phone, offline, and in the history.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WritingRoomTests(BrowserFixture browser) : IDisposable
{
    private const string DocsFragment =
        """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5b1"><h1 dir="ltr"><span style="font-size:20pt">What the tide left</span></h1>""" +
        """<p dir="ltr"><span style="font-weight:700">Bold</span><span> and </span><span style="font-style:italic">slanted</span><span> words, and a </span><a href="https://example.com/tides"><span>link</span></a>.</p>""" +
        """<ul><li dir="ltr"><p dir="ltr"><span>Shells</span></p></li><li dir="ltr"><p dir="ltr"><span>Rope</span></p><ul><li><p>blue</p></li></ul></li></ul>""" +
        """<ol><li><p>First</p></li><li><p>Second</p></li></ol><blockquote><p>The sea keeps nothing.</p></blockquote></b>""";

    private const string WordFragment =
        """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=EN-GB><p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]>Salt</p>""" +
        """<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]>Wind</p><h2>From Word</h2></body></html>""";

    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    private static string Essay(int paragraphs)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= paragraphs; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Paragraph {i} walks along the shore where the water turns and the light changes over the long grey sand, ");
            text.Append("and the gulls argue about the wind while the author keeps writing about what she saw that morning.\n\n");
        }

        return text.ToString();
    }

    [Fact]
    public async Task A_long_essay_with_pasted_documents_and_a_photo_is_saved_and_comes_back_intact()
    {
        await app.CreateOwnerAsync();
        var photo = await app.WithDbAsync(async (_, services) =>
            (await services.GetRequiredService<Blog.Web.Media.MediaLibrary>().AddAsync("tide.jpg", TestImages.Jpeg(1200, 800), "The tide going out", default)).Item!.Id);
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await page.SignInAndOpenAsync(app, "/admin/posts/new");

        await page.FillAsync("#Input_Title", "What the tide left");
        await page.Editor().ClickAsync();
        await page.Keyboard.TypeAsync("The morning began early.\n\n");
        await page.Keyboard.InsertTextAsync(Essay(33)); // about 1,250 words more
        await page.PasteHtmlAsync(DocsFragment, "What the tide left Bold and slanted words");
        await page.Keyboard.TypeAsync("\n\n");
        await page.PasteHtmlAsync(WordFragment, "Salt Wind From Word");
        await page.Keyboard.TypeAsync("\n\n");

        // A photo from the library through the toolbar's picker, at the cursor.
        await page.ClickAsync("#pick-insert");
        var picker = page.GetByRole(AriaRole.Dialog);
        await picker.Locator($"label[for=pick-{photo}]").ClickAsync();
        await picker.Locator("#picker-next").ClickAsync();
        await picker.Locator("#picker-finish").ClickAsync();
        await Assertions.Expect(picker).ToBeHiddenAsync();
        await page.Editor().ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("\n\n");
        await page.Keyboard.TypeAsync("The end.");

        var written = await page.BodyAsync();
        Assert.StartsWith("The morning began early.\n\nParagraph 1 walks", written, StringComparison.Ordinal);
        Assert.Contains("## What the tide left\n\n**Bold** and *slanted* words, and a [link](https://example.com/tides).", written, StringComparison.Ordinal);
        Assert.Contains("- Shells\n- Rope\n  - blue\n\n1. First\n2. Second\n\n> The sea keeps nothing.", written, StringComparison.Ordinal);
        Assert.Contains("- Salt\n- Wind\n\n## From Word", written, StringComparison.Ordinal);
        Assert.Matches($@"!\[The tide going out\]\(/media/{photo}/1200\.jpg\)\n+The end\.$", written);
        Assert.DoesNotContain("<", written, StringComparison.Ordinal);

        // Length and save state at a glance; the preview beside the text shows the pasted structure.
        await Assertions.Expect(page.Locator("#word-count")).ToContainTextAsync("min read");
        var words = int.Parse((await page.Locator("#word-count").InnerTextAsync()).Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(words, 1_200, 1_400);
        await Assertions.Expect(page.Locator("#save-state")).ToHaveTextAsync("Saved", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#preview-body h2").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("What the tide left"));
        await Assertions.Expect(page.Locator("#preview-body ol li")).ToHaveCountAsync(2);

        await page.Keyboard.PressAsync("Control+s");
        await page.WaitForURLAsync("**/admin/posts/1");
        await page.ReloadAsync();
        await Assertions.Expect(page.Editor()).ToContainTextAsync("The morning began early."); // the editor shows only what is in view
        Assert.Equal(written, await page.BodyAsync());
        Assert.Equal(written, await app.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync()).BodyMarkdown));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Saving_straight_after_typing_cancels_the_pending_autosave()
    {
        var post = await app.AddPostAsync("Quick", body: "Saved once.");
        await app.CreateOwnerAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.SignInAndOpenAsync(app, $"/admin/posts/{post.Id}");

        // The save reaches the server at once, but its answer takes longer than the autosave's pause: a timer left
        // running on the old page would send the autosave after the save, to be offered back as unsaved text.
        await page.RouteAsync($"**/admin/posts/{post.Id}", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            await Task.Delay(3_000);
            await route.FulfillAsync(new() { Response = response });
        });
        await page.Editor().PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" And again.");
        await page.ClickAsync("#save-submit"); // before the autosave's pause has passed
        await Assertions.Expect(page.Locator("#status-message")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.UnrouteAllAsync();

        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Autosaves.CountAsync()));
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#recover").CountAsync());
        Assert.Equal("Saved once. And again.", await page.BodyAsync());
    }

    [Fact]
    public async Task Offline_the_autosave_is_kept_in_the_browser_and_sent_when_the_connection_returns()
    {
        var post = await app.AddPostAsync("Train", body: "Written on the platform.");
        await app.CreateOwnerAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.SignInAndOpenAsync(app, $"/admin/posts/{post.Id}");
        await Assertions.Expect(page.Locator("#save-state")).ToHaveTextAsync("Saved");

        await context.SetOfflineAsync(true);
        await page.Editor().PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" Then the tunnel.");
        await Assertions.Expect(page.Locator("#save-state")).ToHaveTextAsync("Offline: kept in this browser", new() { Timeout = 10_000 });
        var kept = await page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(localStorage))");
        Assert.Contains("Then the tunnel.", kept, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Autosaves.CountAsync()));

        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#save-state")).ToHaveTextAsync("Saved", new() { Timeout = 20_000 });
        var autosave = await app.WithDbAsync((db, _) => db.Autosaves.SingleAsync());
        Assert.Equal("Written on the platform. Then the tunnel.", autosave.BodyMarkdown);
        Assert.Equal("[]", await page.EvaluateAsync<string>("() => JSON.stringify(Object.keys(localStorage))"));
    }

    [Fact]
    public async Task On_a_phone_the_text_starts_in_the_first_screen_with_a_collapsed_menu_and_a_one_row_toolbar()
    {
        var post = await app.AddPostAsync("Pocket", body: Essay(6));
        await app.CreateOwnerAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.SignInAndOpenAsync(app, $"/admin/posts/{post.Id}");

        var firstLine = page.Locator("#editor-write .cm-line").First;
        await Assertions.Expect(firstLine).ToContainTextAsync("Paragraph 1");
        var line = (await firstLine.BoundingBoxAsync())!;
        Assert.True(line.Y < 812 / 2.0, $"the text starts at {line.Y} px");
        var editor = (await page.Locator("#editor-write .cm-editor").BoundingBoxAsync())!;
        Assert.True(812 - editor.Y > 400, $"only {812 - editor.Y} px of the first screen are text");

        Assert.False(await page.IsVisibleAsync("#admin-nav"));
        var toolbar = (await page.Locator("#editor-toolbar").BoundingBoxAsync())!;
        Assert.True(toolbar.Height < 52, $"the toolbar is {toolbar.Height} px high");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");

        await page.ClickAsync(".admin-menu-button");
        await Assertions.Expect(page.Locator("#admin-nav")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/settings");
    }

    [Fact]
    public async Task Comparing_revisions_marks_the_changed_words_and_shows_only_the_changed_passage()
    {
        await app.CreateOwnerAsync();
        var before = "The first paragraph stays.\n\nThe second paragraph stays too.\n\nThe quick grey fox crossed the sand at noon.\n\nThe fourth paragraph stays.\n\nThe fifth paragraph stays as well.";
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAndOpenAsync(app, "/admin/posts/new");
        await page.FillAsync("#Input_Title", "Fox");
        await page.EvaluateAsync("text => window.blogEditor.dispatch({ changes: { from: 0, insert: text } })", before);
        await page.ClickAsync("#save-submit");
        await page.WaitForURLAsync("**/admin/posts/1");
        await page.EvaluateAsync(
            "([from, to]) => window.blogEditor.dispatch({ changes: { from, to, insert: 'slow red' } })",
            new[] { before.IndexOf("quick grey", StringComparison.Ordinal), before.IndexOf("quick grey", StringComparison.Ordinal) + "quick grey".Length });
        await page.ClickAsync("#save-submit");
        await Assertions.Expect(page.Locator("#status-message")).ToBeVisibleAsync();

        await page.GotoAsync(app.BaseAddress + "/admin/posts/1/history");
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare version 1 with the current text" }).ClickAsync();

        var diff = page.Locator("#compare .text-diff");
        await Assertions.Expect(diff.Locator("del")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"quick grey"));
        await Assertions.Expect(diff.Locator("ins")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"slow red"));
        await Assertions.Expect(diff.Locator(".text-diff__line--changed")).ToContainTextAsync("fox crossed the sand at noon.");
        await Assertions.Expect(diff).ToContainTextAsync("The second paragraph stays too.");
        await Assertions.Expect(diff).Not.ToContainTextAsync("The first paragraph stays.");
        await Assertions.Expect(diff).Not.ToContainTextAsync("The fifth paragraph");
        await Assertions.Expect(diff.Locator(".text-diff__gap")).ToHaveCountAsync(2);
    }
}
