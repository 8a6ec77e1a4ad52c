using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>The photo library: upload limits from <c>Blog:Media</c>, and room for camera files on the upload page only.</summary>
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Blog:Media").Get<MediaOptions>() ?? new MediaOptions();
        builder.Services.Configure<MediaOptions>(builder.Configuration.GetSection("Blog:Media"));
        builder.Services.AddScoped<MediaLibrary>();

        // Kestrel's 30 MB body limit and the 128 MB form limit stay as they are everywhere else.
        builder.Services.Configure<RazorPagesOptions>(pages => pages.Conventions.AddAreaPageApplicationModelConvention("Admin", "/Media/Index", model =>
        {
            model.Filters.Add(new RequestSizeLimitAttribute(options.MaxRequestBytes));
            model.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = options.MaxRequestBytes });
        }));
        return builder;
    }
}
