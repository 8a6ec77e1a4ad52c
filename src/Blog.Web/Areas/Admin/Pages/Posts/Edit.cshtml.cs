using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Posts;

/// <summary>Writes a new post (<c>/admin/posts/new</c>) or edits one (<c>/admin/posts/{id}</c>); every save is a revision.</summary>
public sealed class EditModel(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    [BindProperty]
    public PostInput Input { get; set; } = new();

    [FromRoute]
    public int? Id { get; set; }

    public Post? Post { get; private set; }

    /// <summary>Set when the post was saved elsewhere since this form was opened: what is saved now.</summary>
    public Post? Conflict { get; private set; }

    public string? PreviewHtml { get; private set; }

    public Autosave? Recoverable { get; private set; }

    public IReadOnlyList<string> KnownTags { get; private set; } = [];

    public IReadOnlyList<string> KnownCategories { get; private set; } = [];

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public PageMetadata Metadata => new(Post is null ? "New post" : $"Edit “{Post.Title}”");

    public string AutosaveKey => Autosave.KeyFor("post", Post?.Id, Input.DraftKey);

    public async Task<IActionResult> OnGetAsync(bool recover, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = Post is null ? new PostInput { DraftKey = Guid.NewGuid().ToString("N") } : PostInput.From(Post, Dates);
        Recoverable = Post is null ? null : await db.Autosaves.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Key == AutosaveKey && a.SavedAtUtc > Post.UpdatedAtUtc, cancellationToken);
        if (recover && Recoverable is not null)
        {
            (Input.Title, Input.Body, Recoverable) = (Recoverable.Title, Recoverable.BodyMarkdown, null);
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

        if (Post is not null && action == "trash")
        {
            Post.MoveToTrash(now);
            await db.SaveChangesAsync(cancellationToken);
            TempData["StatusMessage"] = $"“{Post.Title}” was moved to the trash.";
            return RedirectToPage("Index");
        }

        await ValidateAsync(action, now, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Post is not null && Post.Version != Input.Version)
        {
            return await ShowConflictAsync(now, cancellationToken);
        }

        var post = Post ?? new Post(Input.Title, Input.EffectiveSlug, now);
        await ApplyInputAsync(post, now, cancellationToken);
        var note = PublishingActions.Apply(post, action, Input.PublishAt is { } at ? Dates.ToUtc(at) : null, now);
        if (Post is null)
        {
            db.Posts.Add(post);
        }

        db.RecordRevision(post, note, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            return await ShowConflictAsync(now, cancellationToken);
        }

        await db.ForgetAutosaveAsync(AutosaveKey, cancellationToken);
        TempData["StatusMessage"] = PublishingActions.Message(post, note, Dates);
        return RedirectToPage("Edit", new { id = post.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var chrome = await site.GetAsync(cancellationToken);
        Dates = chrome.Dates;
        KnownTags = await db.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        KnownCategories = await db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken);
        if (Id is null)
        {
            return true;
        }

        Post = await db.Posts.Include(p => p.Tags).Include(p => p.Category)
            .SingleOrDefaultAsync(p => p.Id == Id && p.DeletedAtUtc == null, cancellationToken);
        return Post is not null;
    }

    private async Task ValidateAsync(string action, DateTime now, CancellationToken cancellationToken)
    {
        var slug = Input.EffectiveSlug;
        if (!Slug.IsValid(slug))
        {
            ModelState.AddModelError("Input.Slug", "Use lower-case letters, digits and hyphens for the address, for example “my-first-post”.");
        }
        else if (await db.Posts.AnyAsync(p => p.Slug == slug && p.Id != (Id ?? 0), cancellationToken))
        {
            ModelState.AddModelError("Input.Slug", $"Another post already has the address “{slug}”. Choose another.");
        }

        PublishingActions.Validate(action, Input.PublishAt is { } at ? Dates.ToUtc(at) : null, now, ModelState);
    }

    private async Task ApplyInputAsync(Post post, DateTime now, CancellationToken cancellationToken)
    {
        post.Title = Input.Title.Trim();
        post.Slug = Input.EffectiveSlug;
        post.SetBody(Input.Body ?? "", renderer, now);
        post.Excerpt = Input.Excerpt?.Trim();
        post.CoverImageUrl = Input.CoverImageUrl?.Trim();
        post.CoverImageAlt = Input.CoverImageAlt?.Trim();
        post.SeoTitle = Input.SeoTitle?.Trim();
        post.SeoDescription = Input.SeoDescription?.Trim();
        post.Category = await db.ResolveCategoryAsync(Input.Category, cancellationToken);
        var tags = await db.ResolveTagsAsync(Input.TagNames, cancellationToken);
        post.Tags.RemoveAll(t => !tags.Contains(t));
        post.Tags.AddRange(tags.Where(t => !post.Tags.Contains(t)));
        post.NewVersion(now);
    }

    /// <summary>Keeps the author's text as an autosave and shows both versions; nothing is overwritten.</summary>
    private async Task<IActionResult> ShowConflictAsync(DateTime now, CancellationToken cancellationToken)
    {
        Conflict = Post;
        var key = AutosaveKey;
        var autosave = await db.Autosaves.SingleOrDefaultAsync(a => a.Key == key, cancellationToken) ?? db.Autosaves.Add(new Autosave(key)).Entity;
        (autosave.Title, autosave.BodyMarkdown, autosave.BaseVersion, autosave.SavedAtUtc) = (Input.Title, Input.Body ?? "", Input.Version, now);
        await db.SaveChangesAsync(cancellationToken);

        // Saving again from here is a deliberate choice to replace their version with this one.
        ModelState.Remove("Input.Version");
        Input.Version = Post!.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
