using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Feeds;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages.Posts;

[CountedRead(ReadKind.Tag)]
public sealed class TagModel(BlogDbContext db, SiteContext site, TimeProvider clock, ReadCache reads) : TermListingModel(db, site, clock, reads)
{
    public override string Kind => "Tag";

    public override string EmptyMessage => "No published posts carry this tag yet.";

    protected override Func<string, int, string> Address => SitePaths.Tag;

    protected override Task<TermView?> FindAsync(string slug, CancellationToken cancellationToken) =>
        Db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new TermView(t.Id, t.Name, t.Slug, null)).SingleOrDefaultAsync(cancellationToken);

    // Through the join table's tag index, not a subquery per post: a rare tag stays cheap in a large archive.
    protected override IQueryable<Post> FiledUnder(IQueryable<Post> posts, TermView term)
    {
        var tagged = Db.PostIdsTagged(term.Id);
        return posts.Where(p => tagged.Contains(p.Id));
    }

    protected override PageMetadata Describe(TermView term) => new($"Posts tagged “{term.Name}”", $"Everything written about {term.Name}.");

    protected override FeedLink FeedsOf(TermView term) => FeedEndpoints.TagFeeds(term.Name, term.Slug);
}
