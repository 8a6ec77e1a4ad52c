using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Admin;

/// <summary>The editor's script is the dashboard's alone: public pages carry nothing of it.</summary>
public sealed class EditorAssetsTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_editor_script_loads_on_the_editors_only_and_never_on_public_pages()
    {
        await app.AddPostAsync("Open to all");
        var owner = await app.SignInAsOwnerAsync();
        var reader = app.CreateReader();

        var home = await reader.GetStringAsync("/");
        var post = await reader.GetStringAsync("/blog/open-to-all");
        var postEditor = await owner.GetDocumentAsync("/admin/posts/new");
        var pageEditor = await owner.GetDocumentAsync("/admin/pages/new");
        var settings = await owner.GetDocumentAsync("/admin/settings");

        Assert.DoesNotContain("editor.bundle", home, StringComparison.Ordinal);
        Assert.DoesNotContain("editor.bundle", post, StringComparison.Ordinal);
        Assert.DoesNotContain("admin.css", home, StringComparison.Ordinal);
        Assert.Equal("module", postEditor.QuerySelector("script[src*='editor.bundle']")!.GetAttribute("type"));
        Assert.NotNull(pageEditor.QuerySelector("script[src*='editor.bundle']"));
        Assert.Null(settings.QuerySelector("script[src*='editor.bundle']"));
        // The toolbar is the script's: without it the plain textarea is the whole editor.
        Assert.NotNull(postEditor.QuerySelector("#editor-toolbar[hidden]"));
        Assert.NotNull(postEditor.QuerySelector("textarea#Input_Body[name='Input.Body']"));
    }
}
