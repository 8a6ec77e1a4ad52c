using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Blog.Web.Feeds;

/// <summary>XML documents (feeds, sitemaps) served with validators, so feed readers polling them get a cheap 304.</summary>
public static class XmlResponses
{
    /// <summary>
    /// The document with an ETag from its bytes (so any change, a renamed blog included, makes a new one) and a
    /// Last-Modified time when known. <see cref="Results.Bytes"/> answers If-None-Match and If-Modified-Since with 304
    /// by itself, If-None-Match taking precedence as HTTP says.
    /// </summary>
    public static IResult Document(HttpContext context, byte[] body, string mediaType, DateTime? lastModifiedUtc)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12))}\"");

        // Readers may keep a copy, but must ask again (cheaply, with the validators) before using it.
        context.Response.Headers.CacheControl = "public, no-cache";
        return Results.Bytes(
            body,
            $"{mediaType}; charset=utf-8",
            lastModified: lastModifiedUtc is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null,
            entityTag: etag);
    }
}
