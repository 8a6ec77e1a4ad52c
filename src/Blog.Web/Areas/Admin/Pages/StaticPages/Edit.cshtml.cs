using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.StaticPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.StaticPages;

/// <summary>Writes or edits a static page: the post workflow (revisions, versions, publish) plus its navigation place.</summary>
public sealed class EditModel(BlogDbContext db, MarkdownRenderer renderer, TimeProvider clock) : PageModel, IHasPageMetadata
{
    /// <summary>First path segments the site itself uses: a page there would be unreachable or would hide a feature.</summary>
    private static readonly HashSet<string> Reserved = ["admin", "archive", "blog", "page", "error", "css", "js", "icons", "feed", "search", "media", "sitemap-xml", "robots-txt"];

    [BindProperty]
    public PageInput Input { get; set; } = new();

    [FromRoute]
    public int? Id { get; set; }

    public StaticPage? StaticPage { get; private set; }

    public string? PreviewHtml { get; private set; }

    public PageMetadata Metadata => new(StaticPage is null ? "New page" : $"Edit “{StaticPage.Title}”");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (StaticPage is { } page)
        {
            Input = new PageInput
            {
                Title = page.Title, Slug = page.Slug, Body = page.BodyMarkdown, MenuOrder = page.MenuOrder,
                ShowInNavigation = page.ShowInNavigation, SeoTitle = page.SeoTitle, SeoDescription = page.SeoDescription, Version = page.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (action == "preview")
        {
            PreviewHtml = renderer.RenderHtml(Input.Body);
            return Page();
        }

        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? Slug.From(Input.Title) : Input.Slug.Trim();
        if (!Slug.IsValid(slug) || Reserved.Contains(slug))
        {
            ModelState.AddModelError("Input.Slug", $"“{slug}” cannot be a page address: use lower-case words and hyphens, not one of the site's own ({string.Join(", ", Reserved)}).");
        }
        else if (await db.StaticPages.AnyAsync(p => p.Slug == slug && p.Id != (Id ?? 0), cancellationToken))
        {
            ModelState.AddModelError("Input.Slug", $"Another page already has the address “{slug}”.");
        }

        PublishingActions.Validate(action == PublishingActions.Schedule ? "invalid" : action, null, now, ModelState);
        if (StaticPage is not null && StaticPage.Version != Input.Version)
        {
            ModelState.AddModelError(string.Empty, $"This page was saved elsewhere (version {StaticPage.Version}) since you opened it. Your text is below and nothing was overwritten: copy what you need, then reload the page.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var page = StaticPage ?? db.StaticPages.Add(new StaticPage(Input.Title.Trim(), slug, now)).Entity;
        page.Title = Input.Title.Trim();
        page.Slug = slug;
        page.SetBody(Input.Body ?? "", renderer, now);
        page.MenuOrder = Input.MenuOrder;
        page.ShowInNavigation = Input.ShowInNavigation;
        page.SeoTitle = Input.SeoTitle?.Trim();
        page.SeoDescription = Input.SeoDescription?.Trim();
        page.NewVersion(now);
        var note = PublishingActions.Apply(page, action, null, now);
        db.RecordRevision(page, note, now);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"{note}: “{page.Title}”.";
        return Redirect($"/admin/pages/{page.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        StaticPage = Id is null ? null : await db.StaticPages.SingleOrDefaultAsync(p => p.Id == Id && p.DeletedAtUtc == null, cancellationToken);
        return Id is null || StaticPage is not null;
    }

    public sealed class PageInput
    {
        [Required(ErrorMessage = "Give the page a title."), StringLength(300)]
        public string Title { get; set; } = "";

        [StringLength(Web.Posts.Slug.MaxLength), Display(Name = "Address (slug)")]
        public string? Slug { get; set; }

        [Display(Name = "Text")]
        public string? Body { get; set; }

        [Range(0, 1000), Display(Name = "Position in the navigation")]
        public int MenuOrder { get; set; }

        [Display(Name = "Show in the site navigation")]
        public bool ShowInNavigation { get; set; } = true;

        [StringLength(300), Display(Name = "SEO title")]
        public string? SeoTitle { get; set; }

        [StringLength(500), Display(Name = "SEO description")]
        public string? SeoDescription { get; set; }

        public int Version { get; set; }
    }
}
