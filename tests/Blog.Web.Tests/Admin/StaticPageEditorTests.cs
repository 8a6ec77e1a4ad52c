using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Admin;

public sealed class StaticPageEditorTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_published_page_appears_at_its_address_and_in_the_navigation_in_its_order()
    {
        await app.AddStaticPageAsync("Contact", menuOrder: 5);
        var owner = await app.SignInAsOwnerAsync();

        var response = await owner.SubmitFormAsync("/admin/pages/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Prints for sale",
            ["Input.Body"] = "Ask me about **prints**.",
            ["Input.MenuOrder"] = "1",
            ["action"] = "publish",
        }, "#page-editor");
        var page = await app.CreateReader().GetDocumentAsync("/prints-for-sale");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("prints", page.Text(".post__body strong"));
        Assert.Equal(["Home", "Prints for sale", "Contact", "Archive"], page.Texts(".site-nav a"));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Revisions.CountAsync(r => r.StaticPageId != null)));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("archive")]
    [InlineData("Not A Slug")]
    public async Task Addresses_the_site_uses_itself_are_refused(string slug)
    {
        var owner = await app.SignInAsOwnerAsync();

        var response = await owner.SubmitFormAsync("/admin/pages/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Clash",
            ["Input.Slug"] = slug,
            ["action"] = "publish",
        }, "#page-editor");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be a page address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StaticPages.CountAsync()));
    }
}
