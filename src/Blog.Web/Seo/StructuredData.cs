using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blog.Web.Settings;

namespace Blog.Web.Seo;

/// <summary>
/// The schema.org JSON-LD a page carries: <c>BlogPosting</c> on posts, <c>WebSite</c> with a search action on the home
/// page, <c>WebPage</c>/<c>CollectionPage</c> elsewhere.
/// </summary>
public static class StructuredData
{
    /// <summary>
    /// The default encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as \u003C and friends, so nothing an author
    /// types (a title with <c>&lt;/script&gt;</c>) can end the script element the JSON sits in.
    /// </summary>
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Serialize(
        string schemaType, string title, string? description, string url, PageImage? image, ArticleFacts? article,
        SiteSettings settings, SiteAddress address)
    {
        var data = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = schemaType,
        };

        if (schemaType == SchemaTypes.BlogPosting && article is not null)
        {
            data["headline"] = title;
            data["author"] = new JsonObject { ["@type"] = "Person", ["name"] = settings.AuthorName };
            data["datePublished"] = W3CDate(article.PublishedAtUtc);
            data["dateModified"] = W3CDate(article.ModifiedAtUtc);
            data["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url };
            if (article.Tags.Count > 0)
            {
                data["keywords"] = string.Join(", ", article.Tags);
            }
        }
        else
        {
            data["name"] = schemaType == SchemaTypes.WebSite ? settings.BlogTitle : title;
        }

        data["url"] = url;
        if (!string.IsNullOrWhiteSpace(description))
        {
            data["description"] = description;
        }

        if (image is not null)
        {
            data["image"] = image.Url;
        }

        if (schemaType == SchemaTypes.WebSite)
        {
            data["potentialAction"] = new JsonObject
            {
                ["@type"] = "SearchAction",
                ["target"] = new JsonObject { ["@type"] = "EntryPoint", ["urlTemplate"] = address.Absolute(SitePaths.SearchPage + "?q={search_term_string}") },
                ["query-input"] = "required name=search_term_string",
            };
        }

        return data.ToJsonString(Options);
    }

    /// <summary>W3C date-time in UTC, as schema.org, Open Graph and sitemaps expect: 2026-06-01T12:00:00Z.</summary>
    public static string W3CDate(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
