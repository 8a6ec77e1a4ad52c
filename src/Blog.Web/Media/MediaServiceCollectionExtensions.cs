using Blog.Web.Portability.Export;
using Blog.Web.Portability.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Blog.Web.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>The photo library, with upload limits from <c>Blog:Media</c>.</summary>
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MediaOptions>(builder.Configuration.GetSection("Blog:Media"));
        builder.Services.AddScoped<MediaLibrary>();
        builder.Services.AddScoped<Posts.TextRendering>();
        builder.Services.AddScoped<IImportedImageStore, MediaImportStore>();
        builder.Services.AddScoped<IExportedMedia, MediaExport>();
        return builder;
    }
}

/// <summary>
/// Makes room for camera files on the page it marks: the server's body limit (30 MB) and the form limit (128 MB) are
/// raised to what <c>Blog:Media</c> allows, for that page only. It runs before antiforgery, which is the first to read
/// the form. (A filter rather than [RequestSizeLimit], so the limit comes from configuration.)
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MediaUploadLimitsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value.MaxRequestBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }

        if (http.Request.HasFormContentType && http.Features.Get<IFormFeature>()?.Form is null)
        {
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }
    }
}
