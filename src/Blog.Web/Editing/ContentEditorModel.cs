using System.Globalization;
using Blog.Web.Data;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Blog.Web.Writing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Editing;

/// <summary>What the editor's shared partials (notices, actions, preview) read from either editor.</summary>
public interface IContentEditor
{
    PublishableContent? Saved { get; }

    PublishableContent? Conflict { get; }

    ContentInput Form { get; }

    Autosave? Recoverable { get; }

    string? PreviewHtml { get; }

    BlogDates Dates { get; }

    DateTime NowUtc { get; }

    /// <summary>"posts" or "pages": the editor's address under /admin.</summary>
    string Section { get; }
}

/// <summary>
/// The writing workflow that posts and static pages share: preview without saving, save / publish / schedule /
/// unpublish, trash, a revision for every save, autosaves offered back, and a save over someone else's newer
/// version refused with both versions shown. The two editors add only their own fields and rules.
/// </summary>
public abstract class ContentEditorModel<TContent, TInput>(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock)
    : PageModel, IContentEditor
    where TContent : PublishableContent
    where TInput : ContentInput, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    /// <summary>
    /// The content edited, from the editor's one route (<c>/admin/posts/{id}</c>, its <c>@page</c> directive): none for
    /// <c>new</c>; a number too large to be an id finds nothing (404).
    /// </summary>
    public int? Id => RouteData.Values["id"] is string id && id != "new"
        ? int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0
        : null;

    public TContent? Current { get; private set; }

    public PublishableContent? Saved => Current;

    public PublishableContent? Conflict { get; private set; }

    public ContentInput Form => Input;

    public Autosave? Recoverable { get; private set; }

    public string? PreviewHtml { get; private set; }

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public abstract string Section { get; }

    /// <summary>"post" or "page", for autosave keys and messages.</summary>
    protected abstract string Kind { get; }

    protected BlogDbContext Db => db;

    public string AutosaveKey => Autosave.KeyFor(Kind, Current?.Id, Input.DraftKey);

    protected abstract IQueryable<TContent> Editable { get; }

    protected abstract TContent CreateNew(DateTime nowUtc);

    protected abstract TInput ToInput(TContent content);

    /// <summary>The editor's own fields, applied after the shared ones.</summary>
    protected abstract Task ApplyOwnFieldsAsync(TContent content, CancellationToken cancellationToken);

    /// <summary>The editor's own rules, such as where the address may point; errors go into ModelState.</summary>
    protected abstract Task ValidateSlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>Anything else the page shows, such as known tags.</summary>
    protected virtual Task LoadExtrasAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IActionResult> OnGetAsync(bool recover, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = Current is null ? new TInput { DraftKey = Guid.NewGuid().ToString("N") } : ToInput(Current);
        Recoverable = Current is null ? null : await db.FindNewerAutosaveAsync(AutosaveKey, Current.UpdatedAtUtc, cancellationToken);
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

        var now = NowUtc;
        if (action == "preview")
        {
            PreviewHtml = renderer.RenderHtml(Input.Body, await db.LoadLibraryImagesAsync(cancellationToken, Input.Body));
            return Page();
        }

        if (Current is not null && action == "trash")
        {
            Current.MoveToTrash(now);
            await db.SaveChangesAsync(cancellationToken);
            TempData["StatusMessage"] = $"“{Current.Title}” was moved to the trash.";
            return Redirect(SitePaths.Admin.Trash);
        }

        var slug = Input.EffectiveSlug;
        if (!Slug.IsValid(slug))
        {
            ModelState.AddModelError("Input.Slug", "Use lower-case letters, digits and hyphens for the address, for example “my-first-post”.");
        }
        else
        {
            await ValidateSlugAsync(slug, cancellationToken);
        }

        DateTime? publishAtUtc = null;
        if (Dates.TryParseLocal(Input.PublishAt, out var publishAt))
        {
            publishAtUtc = Dates.ToUtc(publishAt);
        }
        else if (!string.IsNullOrWhiteSpace(Input.PublishAt))
        {
            ModelState.AddModelError("Input.PublishAt", $"Write the time as day, month, year and 24-hour time, such as “{Dates.ExampleDateTime(now)}”.");
        }

        PublishingActions.Validate(action, publishAtUtc, now, ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Current is not null && Current.Version != Input.Version)
        {
            return await ShowConflictAsync(now, cancellationToken);
        }

        // An address readers may have linked to keeps working when the slug changes.
        var oldAddress = Current is { PublishedAtUtc: not null } ? Redirects.AddressOf(Current) : null;
        var content = Current ?? CreateNew(now);
        Input.ApplyTo(content, renderer, await db.LoadLibraryImagesAsync(cancellationToken, Input.Body), now);
        await db.KeepPreviousAddressAsync(oldAddress, content, now, cancellationToken);

        await ApplyOwnFieldsAsync(content, cancellationToken);
        content.NewVersion(now);
        var note = PublishingActions.Apply(content, action, publishAtUtc, now);
        if (Current is null)
        {
            db.Add(content);
        }

        db.RecordRevision(content, note, now);
        var autosaveKey = AutosaveKey;

        // The save and the forgetting of its autosave are one transaction: a reader of the row sees both or neither.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another save landed between our check and ours.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await LoadAsync(cancellationToken);
                return await ShowConflictAsync(now, cancellationToken);
            }
            catch (DbUpdateException error) when (error.IsUniqueViolation())
            {
                // Another save took this address between the check above and this one (a double-clicked Save, two tabs).
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await LoadAsync(cancellationToken);
                ModelState.AddModelError("Input.Slug", "Another post or page took this address a moment ago; choose another.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }

            await db.ForgetAutosaveAsync(autosaveKey, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        TempData["StatusMessage"] = PublishingActions.Message(content, note, Dates);
        return Redirect(SitePaths.Admin.Editor(Section, content.Id));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        await LoadExtrasAsync(cancellationToken);
        if (Id is null)
        {
            return true;
        }

        Current = await Editable.SingleOrDefaultAsync(c => c.Id == Id && c.DeletedAtUtc == null, cancellationToken);
        return Current is not null;
    }

    /// <summary>Keeps the author's text as an autosave and shows both versions; nothing is overwritten.</summary>
    private async Task<IActionResult> ShowConflictAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        Conflict = Current;
        await db.KeepAutosaveAsync(AutosaveKey, Input.Title, Input.Body, Input.Version, nowUtc, cancellationToken);

        // Saving again from here is a deliberate choice to replace their version with this one.
        ModelState.Remove("Input.Version");
        Input.Version = Current!.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
