using Blog.Web.Data;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Hosting;

/// <summary>
/// Test hosts run as Testing or Production, where ASP.NET Core would not validate the container: the factory asks for
/// it, so a scoped service taken from the root provider fails here as it fails under <c>dotnet run</c>.
/// </summary>
public sealed class ServiceValidationTests : IClassFixture<BlogFactory>
{
    private readonly BlogFactory app;

    public ServiceValidationTests(BlogFactory app) => this.app = app;

    [Fact]
    public void A_scoped_service_taken_from_the_root_provider_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<BlogDbContext>());

        Assert.Contains("from root provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_pages_render_their_components_under_scope_validation()
    {
        await app.AddPostAsync("Scoped", tags: ["light"]);
        var reader = app.CreateReader();

        foreach (var path in new[] { "/", "/blog/scoped", "/blog/tag/light", "/search?q=scoped" })
        {
            var response = await reader.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        }
    }
}
