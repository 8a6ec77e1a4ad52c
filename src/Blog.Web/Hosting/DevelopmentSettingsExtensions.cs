using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Blog.Web.Hosting;

public static class DevelopmentSettingsExtensions
{
    private const string FileName = "appsettings.Development.json";

    /// <summary>
    /// Scope validation (no scoped service taken from the root provider) and a container checked when it is built.
    /// ASP.NET Core does this in Development only; <c>Blog:ValidateServices</c> asks for it in any environment, so
    /// tests running as Testing or Production catch what <c>dotnet run</c> would meet.
    /// </summary>
    public static WebApplicationBuilder ValidateServicesWhereAsked(this WebApplicationBuilder builder)
    {
        var validate = builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Blog:ValidateServices");
        builder.Host.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = validate;
            options.ValidateOnBuild = validate;
        });
        return builder;
    }

    /// <summary>
    /// The development settings live at the repository root, not in the project folder that <c>dotnet run</c> makes the
    /// content root; the build copies them beside the app. This adds that copy exactly where the content root's own
    /// <c>appsettings.Development.json</c> would be read, so user secrets, environment variables and the command line
    /// still override it.
    /// </summary>
    public static WebApplicationBuilder AddRepositoryDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()
            || File.Exists(Path.Combine(builder.Environment.ContentRootPath, FileName))
            || !File.Exists(Path.Combine(AppContext.BaseDirectory, FileName)))
        {
            return builder;
        }

        var sources = builder.Configuration.Sources;
        var environmentFile = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == FileName);
        var index = environmentFile is null ? 0 : sources.IndexOf(environmentFile) + 1;
        sources.Insert(index, new JsonConfigurationSource
        {
            Path = FileName,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Optional = true,
            ReloadOnChange = true,
        });
        return builder;
    }
}
