using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Settings;

/// <summary>The blog's settings; saved changes show on the public site at once.</summary>
public sealed class IndexModel(BlogDbContext db, Blog.Web.Posts.TextRendering texts) : PageModel, IHasPageMetadata
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public PageMetadata Metadata => new("Settings");


    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings();
        Input = SettingsInput.From(settings);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!TimeZones.IsKnown(Input.TimeZoneId))
        {
            ModelState.AddModelError("Input.TimeZoneId", "Choose a time zone from the list, for example Europe/Paris.");
        }

        var links = Input.ParseSocialLinks(out var badLine);
        if (badLine is not null)
        {
            ModelState.AddModelError("Input.SocialLinks", $"“{badLine}” is not “Label https://address”: write one link a line, the name then a web address.");
        }

        if (!string.IsNullOrWhiteSpace(Input.BaseUrl) && !SiteAddress.IsValidBaseUrl(Input.BaseUrl.Trim()))
        {
            ModelState.AddModelError("Input.BaseUrl", "Write the blog's full address starting with https:// or http://, such as https://blog.example.com.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var settings = await db.SiteSettings.SingleOrDefaultAsync(cancellationToken) ?? db.SiteSettings.Add(new SiteSettings()).Entity;
        settings.BlogTitle = Input.BlogTitle.Trim();
        settings.Tagline = Input.Tagline?.Trim();
        settings.AuthorName = Input.AuthorName.Trim();
        settings.AuthorBio = Input.AuthorBio?.Trim();
        settings.PostsPerPage = Input.PostsPerPage;
        settings.TimeZoneId = Input.TimeZoneId;
        settings.Language = Input.Language.Trim();
        settings.FooterText = Input.FooterText?.Trim();
        settings.SocialLinks = links;
        settings.BaseUrl = string.IsNullOrWhiteSpace(Input.BaseUrl) ? null : Input.BaseUrl.Trim().TrimEnd('/');
        settings.FeedFullContent = Input.FeedFullContent;
        var cameraChanged = settings.ShowCameraDetails != Input.ShowCameraDetails;
        settings.ShowCameraDetails = Input.ShowCameraDetails;
        await db.SaveChangesAsync(cancellationToken);
        if (cameraChanged)
        {
            // Photos' camera lines are part of each text's HTML, rendered when it was saved.
            await texts.RerenderAsync(null, cancellationToken);
        }

        TempData["StatusMessage"] = "Settings saved. The site shows them now.";
        return RedirectToPage();
    }

    public sealed class SettingsInput
    {
        [Required, StringLength(200), Display(Name = "Blog title")]
        public string BlogTitle { get; set; } = "";

        [StringLength(300)]
        public string? Tagline { get; set; }

        [Required, StringLength(200), Display(Name = "Author name")]
        public string AuthorName { get; set; } = "";

        [StringLength(4000), Display(Name = "About the author (Markdown)")]
        public string? AuthorBio { get; set; }

        [Range(1, 100), Display(Name = "Posts per page")]
        public int PostsPerPage { get; set; } = 10;

        [Required, Display(Name = "Time zone")]
        public string TimeZoneId { get; set; } = "UTC";

        [Required, StringLength(35), RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", ErrorMessage = "Use a language tag such as en, fr or pt-BR.")]
        public string Language { get; set; } = "en";

        [StringLength(2000), Display(Name = "Footer text (Markdown)")]
        public string? FooterText { get; set; }

        [StringLength(4000), Display(Name = "Links elsewhere (one a line: Label https://…)")]
        public string? SocialLinks { get; set; }

        [StringLength(300), Display(Name = "Public address (for feeds, sitemap and shared links; empty: the address of each request)")]
        public string? BaseUrl { get; set; }

        [Display(Name = "Feeds show whole posts (otherwise only the excerpt)")]
        public bool FeedFullContent { get; set; } = true;

        [Display(Name = "Show camera details under photos (camera, lens, focal length, aperture, shutter speed, ISO; never the location)")]
        public bool ShowCameraDetails { get; set; }

        public static SettingsInput From(SiteSettings s) => new()
        {
            BlogTitle = s.BlogTitle, Tagline = s.Tagline, AuthorName = s.AuthorName, AuthorBio = s.AuthorBio,
            PostsPerPage = s.PostsPerPage, TimeZoneId = s.TimeZoneId, Language = s.Language, FooterText = s.FooterText,
            SocialLinks = string.Join("\n", s.SocialLinks.Select(l => $"{l.Label} {l.Url}")),
            BaseUrl = s.BaseUrl, FeedFullContent = s.FeedFullContent, ShowCameraDetails = s.ShowCameraDetails,
        };

        public List<SocialLink> ParseSocialLinks(out string? badLine)
        {
            badLine = null;
            var links = new List<SocialLink>();
            foreach (var line in (SocialLinks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var split = line.LastIndexOf(' ');
                var link = split > 0 ? new SocialLink { Label = line[..split].Trim(), Url = line[(split + 1)..] } : null;
                if (link is null || !link.IsSafeToLink)
                {
                    badLine ??= line;
                    continue;
                }

                links.Add(link);
            }

            return links;
        }
    }
}
