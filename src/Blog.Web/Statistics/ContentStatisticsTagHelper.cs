using System.Globalization;
using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Statistics;

/// <summary>
/// <c>&lt;content-statistics section="posts" content-id="12" /&gt;</c>, in the editor's header: the post's (or page's)
/// views and readers over the last 30 days, linking to its statistics page.
/// </summary>
[HtmlTargetElement("content-statistics", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ContentStatisticsTagHelper(BlogDbContext db, SiteContext site, TimeProvider clock) : TagHelper
{
    public string Section { get; set; } = "posts";

    public int ContentId { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var kind = Section == "posts" ? ReadKind.Post : ReadKind.Page;
        var dates = (await site.GetAsync()).Dates;
        var period = StatisticsPeriod.For(30, DateOnly.FromDateTime(dates.ToLocal(clock.GetUtcNow().UtcDateTime).DateTime));
        var totals = await db.StatisticsPages.AsNoTracking()
            .Where(p => p.Kind == kind && p.ContentId == ContentId && p.Day >= period.From && p.Day <= period.To)
            .GroupBy(p => 1)
            .Select(g => new { Views = g.Sum(p => p.Views), Readers = g.Sum(p => p.Readers) })
            .SingleOrDefaultAsync();

        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("href", SitePaths.AdminContentStatistics(kind == ReadKind.Post ? "post" : "page", ContentId, 30));
        output.Attributes.SetAttribute("id", "content-statistics");
        output.Content.SetContent(string.Format(
            dates.Culture, "{0:N0} {1}, {2:N0} {3} in 30 days",
            totals?.Views ?? 0, totals?.Views == 1 ? "view" : "views", totals?.Readers ?? 0, totals?.Readers == 1 ? "reader" : "readers"));
    }
}
