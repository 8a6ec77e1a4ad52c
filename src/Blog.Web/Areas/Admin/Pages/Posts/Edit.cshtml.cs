using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Subscriptions;
using Blog.Web.Webmentions;
using Blog.Web.Writing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Posts;

/// <summary>Writes a new post (<c>/admin/posts/new</c>) or edits one (<c>/admin/posts/{id}</c>).</summary>
public sealed class EditModel(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock, MailingSignal mailings, MentionSender webmentions)
    : ContentEditorModel<Post, PostInput>(db, renderer, site, clock), IHasPageMetadata
{
    public IReadOnlyList<string> KnownTags { get; private set; } = [];

    public IReadOnlyList<string> KnownCategories { get; private set; } = [];

    /// <summary>Recent library photos to choose a cover from.</summary>
    public IReadOnlyList<MediaChoice> RecentMedia { get; private set; } = [];

    /// <summary>This post's mailing, if it has one (sent, waiting for its time, or cancelled).</summary>
    public Mailing? PostMailing { get; private set; }

    /// <summary>Confirmed subscribers who receive each post.</summary>
    public int PostSubscribers { get; private set; }

    /// <summary>The latest webmention sent (or waiting) for each link of this post.</summary>
    public IReadOnlyList<OutgoingWebmention> SentWebmentions { get; private set; } = [];

    public PageMetadata Metadata => new(Current is null ? "New post" : $"Edit “{Current.Title}”");

    public override string Section => "posts";

    protected override string Kind => "post";

    protected override IQueryable<Post> Editable => Db.Posts.Include(p => p.Tags).Include(p => p.Category);

    protected override Post CreateNew(DateTime nowUtc) => new(Input.Title, Input.EffectiveSlug, nowUtc);

    protected override PostInput ToInput(Post content) => PostInput.From(content, Dates);

    protected override async Task LoadExtrasAsync(CancellationToken cancellationToken)
    {
        PostSubscribers = await Db.Subscribers.CountAsync(s => s.Status == SubscriberStatus.Confirmed && s.Choice == SubscriptionChoice.EachPost, cancellationToken);
        PostMailing = Id is { } postId ? await Db.Mailings.AsNoTracking().SingleOrDefaultAsync(m => m.Key == Mailing.KeyForPost(postId), cancellationToken) : null;
        if (Id is { } id)
        {
            var rows = await Db.OutgoingWebmentions.AsNoTracking().Where(w => w.PostId == id).OrderByDescending(w => w.Id).Take(200).ToListAsync(cancellationToken);
            SentWebmentions = [.. rows.DistinctBy(w => w.Target).OrderBy(w => w.Target, StringComparer.Ordinal)];
        }

        KnownTags = await Db.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        KnownCategories = await Db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken);
        RecentMedia = await Db.MediaItems.AsNoTracking().OrderByDescending(m => m.Id).Take(60)
            .Select(m => new MediaChoice(m.Id, m.FileName, m.AltText, new ResponsiveImage(m.Id, m.Width, m.Height, m.AltText).FallbackUrl))
            .ToListAsync(cancellationToken);
    }

    protected override async Task ValidateSlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (await Db.Posts.AnyAsync(p => p.Slug == slug && p.Id != (Id ?? 0), cancellationToken))
        {
            ModelState.AddModelError("Input.Slug", $"Another post already has the address “{slug}”. Choose another.");
        }
    }

    protected override async Task ApplyOwnFieldsAsync(Post post, CancellationToken cancellationToken)
    {
        Input.ApplyPostFieldsTo(post);
        await ApplyCoverAsync(post, cancellationToken);
        await Db.SetTermsAsync(post, Input.Category, Input.TagNames, cancellationToken);
    }

    /// <summary>Whether the email choice is offered: until the post's mailing has started, it can be ticked or unticked.</summary>
    public bool EmailChoiceOpen => PostMailing is null || (PostMailing.StartedAt is null && PostMailing.State is MailingState.Waiting or MailingState.Cancelled);

    /// <summary>Ticked at first when a mailing waits, or for a post not yet out when someone would receive it.</summary>
    public bool EmailByDefault => PostMailing is not null
        ? PostMailing.State == MailingState.Waiting
        : PostSubscribers > 0 && (Current is null || Current.Status == PublishStatus.Draft || Current.PublishedAtUtc > NowUtc);

    /// <summary>
    /// Publishing or scheduling with "email it" ticked creates the post's one mailing (its key is unique per post), in
    /// the same transaction as the save; unticking it before it went out cancels it. Publishing again after an
    /// unpublish finds the mailing there and sends nothing: only "send again" on the mailings page does.
    /// </summary>
    protected override async Task AfterSaveAsync(Post content, string note, CancellationToken cancellationToken)
    {
        // The sites its text links to (and those a change unlinked) are told, in the background, once it is out.
        var siteSettings = await Db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings();
        if (await webmentions.QueueAsync(content, SiteAddress.For(siteSettings, Request).Origin, cancellationToken) > 0)
        {
            await Db.SaveChangesAsync(cancellationToken);
        }

        if (!Input.EmailChoiceShown)
        {
            return;
        }

        var key = Mailing.KeyForPost(content.Id);
        var mailing = await Db.Mailings.SingleOrDefaultAsync(m => m.Key == key, cancellationToken);
        var publishing = note is "Published" or "Scheduled";
        if (mailing is null && Input.EmailSubscribers && publishing)
        {
            var settings = await Db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings();
            Db.Mailings.Add(new Mailing
            {
                Key = key, Kind = MailingKind.Post, PostId = content.Id, CreatedAt = NowUtc,
                SiteOrigin = SiteAddress.For(settings, Request).Origin,
            });
        }
        else if (mailing is { StartedAt: null, State: MailingState.Waiting } && !Input.EmailSubscribers)
        {
            mailing.State = MailingState.Cancelled;
        }
        else if (mailing is { StartedAt: null, State: MailingState.Cancelled } && Input.EmailSubscribers && publishing)
        {
            mailing.State = MailingState.Waiting;
        }
        else
        {
            return;
        }

        await Db.SaveChangesAsync(cancellationToken);
        Response.OnCompleted(() =>
        {
            mailings.Wake();
            return Task.CompletedTask;
        });
    }

    private async Task ApplyCoverAsync(Post post, CancellationToken cancellationToken)
    {
        var chosen = Input.CoverMediaId is { } mediaId
            ? await Db.MediaItems.AsNoTracking().Where(m => m.Id == mediaId)
                .Select(m => new ResponsiveImage(m.Id, m.Width, m.Height, m.AltText)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var url = chosen?.FallbackUrl ?? Input.CoverUrl;
        var image = chosen ?? (await Db.LoadLibraryImagesAsync(cancellationToken, url)).Find(url);
        post.SetCover(url, Input.CoverAlt ?? image?.Alt, image);
    }
}

/// <summary>A library photo offered as a cover.</summary>
public sealed record MediaChoice(int Id, string FileName, string? AltText, string Url);
