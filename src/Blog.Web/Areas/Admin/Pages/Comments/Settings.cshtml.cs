using System.ComponentModel.DataAnnotations;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Comments;

/// <summary>How comments are taken: holding, closing, the spam rules, Akismet.</summary>
public sealed class SettingsModel(BlogDbContext db) : PageModel, IHasPageMetadata
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public PageMetadata Metadata => new("Comment settings");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var s = await db.CommentSettingsAsync(cancellationToken);
        Input = new SettingsInput
        {
            HoldEvery = s.HoldEvery, ClosedEverywhere = s.ClosedEverywhere, CloseAfterDays = s.CloseAfterDays, MaxLinks = s.MaxLinks,
            MaxPerAddressPerHour = s.MaxPerAddressPerHour, BlockedWords = s.BlockedWords, AkismetKey = s.AkismetKey, Webmentions = s.Webmentions,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var s = await db.CommentSettingsAsync(cancellationToken);
        (s.HoldEvery, s.ClosedEverywhere, s.CloseAfterDays, s.MaxLinks) = (Input.HoldEvery, Input.ClosedEverywhere, Input.CloseAfterDays, Input.MaxLinks);
        (s.MaxPerAddressPerHour, s.BlockedWords, s.AkismetKey) = (Input.MaxPerAddressPerHour, Input.BlockedWords?.Trim(), string.IsNullOrWhiteSpace(Input.AkismetKey) ? null : Input.AkismetKey.Trim());
        s.Webmentions = Input.Webmentions;
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = "Comment settings saved.";
        return Redirect(SitePaths.Admin.CommentSettings);
    }

    public sealed class SettingsInput
    {
        public bool HoldEvery { get; set; }

        public bool ClosedEverywhere { get; set; }

        /// <summary>Take webmentions on posts open to comments, and send them for the posts' own links.</summary>
        public bool Webmentions { get; set; } = true;

        [Range(0, 36_500, ErrorMessage = "Between 0 (never) and 36,500 days.")]
        public int CloseAfterDays { get; set; }

        [Range(0, 100, ErrorMessage = "Between 0 and 100 links.")]
        public int MaxLinks { get; set; } = 2;

        [Range(0, 1000, ErrorMessage = "Between 0 (no limit) and 1,000 comments.")]
        public int MaxPerAddressPerHour { get; set; } = 5;

        [StringLength(20_000)]
        public string? BlockedWords { get; set; }

        [StringLength(100), RegularExpression("^[A-Za-z0-9]*$", ErrorMessage = "An Akismet key is letters and digits.")]
        public string? AkismetKey { get; set; }
    }
}
