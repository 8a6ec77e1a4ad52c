using Blog.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

/// <summary>What the browser tests do in the dashboard: sign in, write in the editor, paste.</summary>
internal static class EditorPage
{
    /// <summary>Opens <paramref name="path"/>, signing in on the way as the owner (who must exist).</summary>
    public static async Task SignInAndOpenAsync(this IPage page, KestrelBlogFactory app, string path)
    {
        await page.GotoAsync(app.BaseAddress + path);
        await page.FillAsync("#Input_Email", OwnerSession.Email);
        await page.FillAsync("#Input_Password", OwnerSession.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync("**" + path);
    }

    /// <summary>The editor's text area (CodeMirror's), once the editor script has replaced the textarea.</summary>
    public static ILocator Editor(this IPage page) => page.Locator("#editor-write .cm-content");

    /// <summary>What the form will send: the textarea the editor keeps in step.</summary>
    public static Task<string> BodyAsync(this IPage page) => page.InputValueAsync("#Input_Body");

    /// <summary>Pastes as a browser does from Google Docs or Word: an HTML flavour and a flattened plain-text one.</summary>
    public static Task PasteHtmlAsync(this IPage page, string html, string plain) =>
        page.EvaluateAsync(
            """
            ([html, plain]) => {
              const data = new DataTransfer();
              data.setData("text/html", html);
              data.setData("text/plain", plain);
              document.querySelector("#editor-write .cm-content")
                .dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """,
            new[] { html, plain });
}
