using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Blog.Web.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// Serves library photos at <c>/media/{id}/{variant}.{extension}</c>: by id only, with their real content type,
    /// a strong ETag and a year-long immutable lifetime (a variant's bytes never change under its address).
    /// </summary>
    public static IEndpointConventionBuilder MapMedia(this IEndpointRouteBuilder app) =>
        app.MapMethods("/media/{id:int}/{name}.{extension}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);

    private static async Task ServeAsync(HttpContext context, int id, string name, string extension, BlogDbContext db)
    {
        var cancellationToken = context.RequestAborted;
        var variant = name == MediaVariant.Source
            ? null
            : await db.Set<MediaVariant>().AsNoTracking()
                .SingleOrDefaultAsync(v => v.MediaItemId == id && v.Name == name && v.Extension == extension, cancellationToken);
        if (variant is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var response = context.Response;
        response.Headers.ETag = variant.ETag;
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.XContentTypeOptions = "nosniff";
        if (IsCurrent(context.Request, variant.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = variant.ContentType;
        response.ContentLength = variant.Length;
        if (variant.Name == MediaVariant.Original)
        {
            // The download keeps the author's file name; the address never did.
            var fileName = await db.Set<MediaItem>().Where(m => m.Id == id).Select(m => m.FileName).SingleAsync(cancellationToken);
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = fileName }.ToString();
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var blobId = variant.Id;
        var (format, orientation) = ("", 1);
        if (variant.StrippedFromSource)
        {
            blobId = await db.Set<MediaVariant>().Where(v => v.MediaItemId == id && v.Name == MediaVariant.Source).Select(v => v.Id).SingleAsync(cancellationToken);
            var photo = await db.Set<MediaItem>().Where(m => m.Id == id).Select(m => new { m.Format, m.Orientation }).SingleAsync(cancellationToken);
            (format, orientation) = (photo.Format, photo.Orientation);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var blob = await MediaBlobs.OpenReadAsync(db, blobId, cancellationToken);
            if (variant.StrippedFromSource)
            {
                await LocationStripper.CopyAsync(blob, response.Body, format, orientation, cancellationToken);
            }
            else
            {
                await blob.CopyToAsync(response.Body, 81920, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static bool IsCurrent(HttpRequest request, string etag)
    {
        foreach (var candidate in request.GetTypedHeaders().IfNoneMatch)
        {
            if (candidate.Equals(EntityTagHeaderValue.Any) || candidate.Tag == etag)
            {
                return true;
            }
        }

        return false;
    }
}
