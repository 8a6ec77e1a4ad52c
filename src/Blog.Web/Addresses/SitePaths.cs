using System.Globalization;

namespace Blog.Web.Addresses;

/// <summary>
/// The site's own addresses, public and admin, built in one place so pages, components, feeds, the sitemap and the
/// dashboard agree on them, and every slug is escaped the same way (<see cref="Segment"/>). The routes themselves are
/// the pages' <c>@page</c> templates and the endpoint maps; <c>SitePathsTests</c> checks that each address here
/// reaches one of them. Add a member here for a new address rather than writing it in a view.
/// </summary>
public static class SitePaths
{
    public const string Home = "/";

    public const string Archive = "/archive";

    public const string SearchPage = "/search";

    public const string BlogRss = "/feed/rss";

    public const string BlogAtom = "/feed/atom";

    public const string Sitemap = "/sitemap.xml";

    public const string Robots = "/robots.txt";

    /// <summary>The path of the error page for a status code, as the status-code pages re-execute it.</summary>
    public const string ErrorTemplate = "/error/{0}";

    /// <summary>The error page for unhandled exceptions: the status is the one the exception handler has set.</summary>
    public const string ServerError = "/error";

    /// <summary>A slug or other reader-supplied text made safe as one path segment.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>Page <paramref name="pageNumber"/> of the newest posts; the first is the home page itself.</summary>
    public static string HomePage(int pageNumber) => pageNumber <= 1 ? Home : Invariant($"/page/{pageNumber}");

    /// <summary>What every post's address starts with, followed by its escaped slug.</summary>
    public const string PostPrefix = "/blog/";

    public static string Post(string slug) => PostPrefix + Segment(slug);

    public static string Page(string slug) => $"/{Segment(slug)}";

    /// <summary>Where a post's comment form is sent, and (GET) the form alone, answering comment <paramref name="replyTo"/> if given.</summary>
    public static string PostComments(string slug, int? replyTo = null) =>
        Post(slug) + "/comments" + (replyTo is { } id ? Invariant($"/{id}") : "");

    /// <summary>The post page scrolled to a comment (approved ones have this anchor).</summary>
    public static string PostComment(string slug, int commentId) => Post(slug) + Invariant($"#comment-{commentId}");

    /// <summary>The emailed link that confirms a commenter wants replies to comment <paramref name="id"/> (signed).</summary>
    public static string CommentRepliesConfirm(int id, string signature) => Invariant($"/comments/{id}/confirm/") + Segment(signature);

    public const string CommentRepliesConfirmPattern = "/comments/{id:int}/confirm/{signature}";

    /// <summary>The one-click unsubscribe link of reply emails (GET shows a button; POST unsubscribes, RFC 8058).</summary>
    public static string CommentRepliesUnsubscribe(int id, string signature) => Invariant($"/comments/{id}/unsubscribe/") + Segment(signature);

    public const string CommentRepliesUnsubscribePattern = "/comments/{id:int}/unsubscribe/{signature}";

    /// <summary>The post page showing its "awaiting moderation" message (a :target rule: the cached page serves everyone).</summary>
    public static string PostCommentHeld(string slug) => Post(slug) + "#comment-held";

    /// <summary>The Webmention endpoint (W3C): other sites POST <c>source</c> and <c>target</c> here; advertised on each post page.</summary>
    public const string Webmention = "/webmention";

    public static string Tag(string slug) => $"/blog/tag/{Segment(slug)}";

    public static string Tag(string slug, int pageNumber) => Paged(Tag(slug), pageNumber);

    public static string Category(string slug) => $"/blog/category/{Segment(slug)}";

    public static string Category(string slug, int pageNumber) => Paged(Category(slug), pageNumber);

    /// <summary>A feed of one listing (<see cref="Tag(string)"/>, <see cref="Category(string)"/>): <c>rss</c> or <c>atom</c>.</summary>
    public static string FeedOf(string listingPath, string format) => $"{listingPath}/feed/{format}";

    public static string ArchiveYear(int year) => Invariant($"/archive/{year}");

    public static string ArchiveMonth(int year, int month) => Invariant($"/archive/{year}/{month}");

    /// <summary>Results for <paramref name="query"/>; page 1 carries no page parameter.</summary>
    public static string Search(string query, int pageNumber = 1) =>
        $"{SearchPage}?q={Uri.EscapeDataString(query)}" + (pageNumber <= 1 ? "" : Invariant($"&page={pageNumber}"));

    /// <summary>One file of a sitemap too large for one (numbered from 1).</summary>
    public static string SitemapPart(int number) => Invariant($"/sitemap-{number}.xml");

    /// <summary>A library photo's file: a variant by width (<c>1600</c>) or the <c>original</c>, by extension.</summary>
    public static string MediaFile(int id, string name, string extension) => MediaFolder(id) + $"{name}.{extension}";

    /// <summary>Where all of a library photo's files live, the text a post refers to it by.</summary>
    public static string MediaFolder(int id) => Invariant($"/media/{id}/");

    private static string Paged(string listingPath, int pageNumber) => pageNumber <= 1 ? listingPath : Invariant($"{listingPath}/page/{pageNumber}");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The author's dashboard. Everything under <see cref="Root"/> is the owner's only (one folder convention).</summary>
    /// <summary>The reader-statistics pixel of the page whose <see cref="Statistics.CountedPath"/> token this is.</summary>
    public static string StatisticsPixel(string token) => $"/stats/seen/{Segment(token)}.css";

    public const string StatisticsPixelPattern = "/stats/seen/{token}.css";

    /// <summary>The author's statistics: the whole blog over the last <paramref name="days"/> days.</summary>
    public static string AdminStatistics(int? days = null) => days is null ? "/admin/stats" : Invariant($"/admin/stats?days={days}");

    /// <summary>The daily figures as CSV: the whole blog's (<c>site</c>) or each page's (<c>pages</c>).</summary>
    public static string AdminStatisticsCsv(string what, int days) => Invariant($"/admin/stats/export/{what}.csv?days={days}");

    /// <summary>One post's own figures (<paramref name="kind"/> <c>post</c>), or one static page's (<c>page</c>).</summary>
    public static string AdminContentStatistics(string kind, int id, int? days = null) =>
        days is null ? Invariant($"/admin/stats/{kind}/{id}") : Invariant($"/admin/stats/{kind}/{id}?days={days}");

    /// <summary>The photo library, with its search, filter, order and page (defaults left out of the address).</summary>
    public static string MediaLibrary(string? search = null, bool needsDescription = false, string? sort = null, int page = 1) =>
        WithQuery(Admin.Media, ("q", search), ("missing", needsDescription ? "true" : null), ("sort", sort), ("page", page > 1 ? Invariant($"{page}") : null));

    /// <summary>
    /// The photo picker: <paramref name="purpose"/> is insert, gallery or cover; <paramref name="chosen"/> photos go
    /// straight to their descriptions; <paramref name="returnUrl"/> is where the author came from.
    /// </summary>
    public static string MediaPicker(string purpose, string? returnUrl = null, string? search = null, int page = 1, IEnumerable<int>? chosen = null) =>
        WithQuery(MediaPickerPage, [
            ("for", purpose), ("return", returnUrl), ("q", search), ("page", page > 1 ? Invariant($"{page}") : null),
            .. (chosen ?? []).Select(id => ("id", (string?)Invariant($"{id}"))),
        ]);

    /// <summary>The picker page itself, where its own forms send their fields.</summary>
    public const string MediaPickerPage = "/admin/media/pick";

    private static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join("&", parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    /// <summary>The subscribe form's own page (the footer's and each post's forms post here).</summary>
    public const string Subscribe = "/subscribe";

    /// <summary>What a reader sees after subscribing, whatever the address was (it reveals nothing).</summary>
    public const string SubscribeThanks = "/subscribe/thanks";

    /// <summary>The link in the confirmation email: a page with one button (mail scanners follow links, not buttons).</summary>
    public static string ConfirmSubscription(string token) => $"/subscribe/confirm/{Segment(token)}";

    /// <summary>The link in every email and its <c>List-Unsubscribe</c> header: GET shows a button, POST unsubscribes.</summary>
    public static string Unsubscribe(string token) => $"/unsubscribe/{Segment(token)}";

    public static class Admin
    {
        public const string Root = "/admin";

        public const string Subscribers = "/admin/subscribers";

        public static string SubscribersSearch(string? search) =>
            string.IsNullOrWhiteSpace(search) ? Subscribers : $"{Subscribers}?q={Uri.EscapeDataString(search)}";

        public const string SubscribersExport = "/admin/subscribers?handler=export";

        public const string SubscribersImport = "/admin/subscribers/import";

        public const string Mailings = "/admin/subscribers/mailings";


        public const string Posts = "/admin/posts";

        public const string NewPost = "/admin/posts/new";

        public const string Pages = "/admin/pages";

        public const string NewPage = "/admin/pages/new";

        public const string Media = "/admin/media";

        /// <summary>Where the editors' and the library's scripts send one photo (the same page's upload handler).</summary>
        public const string MediaUpload = "/admin/media?handler=upload";

        public const string Trash = "/admin/trash";

        public const string Settings = "/admin/settings";

        /// <summary>The mail server settings and the "send a test email" button.</summary>
        public const string Mail = "/admin/mail";

        /// <summary>The outbox: recent emails, their state, "retry now" for failed ones.</summary>
        public const string MailOutbox = "/admin/mail/outbox";

        public const string Autosave = "/admin/autosave";

        public const string Preview = "/admin/preview";

        public const string Import = "/admin/import";

        public const string Export = "/admin/export";

        public const string ExportZip = "/admin/export?handler=zip";

        public const string ExportWxr = "/admin/export?handler=wxr";

        public const string Backup = "/admin/backup";

        public const string Comments = "/admin/comments";

        public const string CommentSettings = "/admin/comments/settings";

        /// <summary>The moderation queue showing one state: held, approved, spam or trash.</summary>
        public static string CommentsWithStatus(string status) => $"{Comments}?status={Uri.EscapeDataString(status)}";

        /// <summary>One comment: edit it, reply to it.</summary>
        public static string Comment(int id) => Invariant($"/admin/comments/{id}");

        public const string Account = "/admin/account";

        public const string Login = "/admin/account/login";

        public const string LoginWith2fa = "/admin/account/login-2fa";

        public const string LoginWithRecoveryCode = "/admin/account/login-recovery";

        public const string Logout = "/admin/account/logout";

        public const string Setup = "/admin/setup";

        /// <summary>The posts list showing one status (<c>draft</c>, <c>scheduled</c>, <c>published</c>).</summary>
        public static string PostsWithStatus(string status) => $"{Posts}?status={Uri.EscapeDataString(status)}";

        /// <summary>The posts list with its filters: <paramref name="query"/> holds only the parameters in use.</summary>
        public static string PostsList(QueryString query) => Posts + query;

        public static string Post(int id) => Invariant($"/admin/posts/{id}");

        public static string PostPreview(int id) => Invariant($"/admin/posts/{id}/preview");

        public static string Page(int id) => Invariant($"/admin/pages/{id}");

        /// <summary>A post or page editor; <paramref name="section"/> is <c>posts</c> or <c>pages</c>.</summary>
        public static string Editor(string section, int id) => Invariant($"/admin/{section}/{id}");

        /// <summary>The editor, offering the autosave newer than the saved text.</summary>
        public static string EditorRecovering(string section, int id) => Editor(section, id) + "?recover=true";

        public static string History(string section, int id) => Editor(section, id) + "/history";

        public static string History(string section, int id, int revisionId) => History(section, id) + Invariant($"/{revisionId}");

        public static string MediaItem(int id) => Invariant($"/admin/media/{id}");

        public static string MediaDelete(int id) => Invariant($"/admin/media/{id}/delete");

        public static string MediaPage(int pageNumber) => Invariant($"/admin/media?page={pageNumber}");

        public static string ImportRun(int id) => Invariant($"/admin/import/{id}");

        public static string ImportRunStatus(int id) => ImportRun(id) + "?handler=status";
    }
}
