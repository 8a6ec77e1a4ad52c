using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Feeds;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages.Posts;

[CountedRead(ReadKind.Category)]
public sealed class CategoryModel(BlogDbContext db, SiteContext site, TimeProvider clock, ReadCache reads) : TermListingModel(db, site, clock, reads)
{
    public override string Kind => "Category";

    public override string EmptyMessage => "Nothing has been published in this category yet.";

    protected override Func<string, int, string> Address => SitePaths.Category;

    protected override Task<TermView?> FindAsync(string slug, CancellationToken cancellationToken) =>
        Db.Categories.AsNoTracking().Where(c => c.Slug == slug).Select(c => new TermView(c.Id, c.Name, c.Slug, c.Description)).SingleOrDefaultAsync(cancellationToken);

    protected override IQueryable<Post> FiledUnder(IQueryable<Post> posts, TermView term) => posts.Where(p => p.CategoryId == term.Id);

    protected override PageMetadata Describe(TermView term) => new(term.Name, term.Description ?? $"Posts in {term.Name}.");

    protected override FeedLink FeedsOf(TermView term) => FeedEndpoints.CategoryFeeds(term.Name, term.Slug);
}
