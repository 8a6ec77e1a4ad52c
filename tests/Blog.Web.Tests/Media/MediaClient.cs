using System.Net.Http.Headers;
using Blog.Web.Data;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Media;

internal sealed record UploadFile(string Name, byte[] Bytes, string ContentType = "image/jpeg");

/// <summary>Uploads as the library's plain form does (multipart, antiforgery token from the page), and counts what is stored.</summary>
internal static class MediaClient
{
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient owner, string? altText, params UploadFile[] files)
    {
        var page = await owner.GetDocumentAsync("/admin/media");
        var token = page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = Multipart(token, files.Select(f => ("Input.Files", f)));
        if (altText is not null)
        {
            content.Add(new StringContent(altText), "Input.AltText");
        }

        return await owner.PostAsync("/admin/media", content);
    }

    /// <summary>Uploads one photo through the form and answers its id.</summary>
    public static async Task<int> UploadPhotoAsync(this BlogFactory app, HttpClient owner, UploadFile file, string? altText = null)
    {
        var response = await owner.UploadAsync(altText, file);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await app.WithDbAsync((db, _) => db.MediaItems.MaxAsync(m => m.Id));
    }

    public static MultipartFormDataContent Multipart(string? token, IEnumerable<(string Field, UploadFile File)> files)
    {
        var content = new MultipartFormDataContent();
        if (token is not null)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }

        foreach (var (field, file) in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(part, field, file.Name);
        }

        return content;
    }

    /// <summary>Photos, variants and blob rows: all must be unchanged after a refusal.</summary>
    public static Task<(int Items, int Variants, int Blobs)> CountStoredAsync(this BlogFactory app) =>
        app.WithDbAsync(async (db, _) => (
            await db.MediaItems.CountAsync(),
            await db.MediaVariants.CountAsync(),
            await db.Database.SqlQueryRaw<int>("SELECT CAST(COUNT(*) AS integer) AS \"Value\" FROM \"MediaBlobs\"").SingleAsync()));

    public static async Task<IReadOnlyList<string>> VariantUrlsAsync(this BlogFactory app, int id) =>
        await app.WithDbAsync((db, _) => db.MediaVariants.Where(v => v.MediaItemId == id && v.Name != "source")
            .Select(v => "/media/" + v.MediaItemId + "/" + v.Name + "." + v.Extension).ToListAsync());
}
