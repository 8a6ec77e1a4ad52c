namespace Blog.Web.Statistics;

/// <summary>A page (or feed) the tally has counted: its stored address, kind, pixel token and, once looked up, its post or page id.</summary>
public sealed class CountedPage(int id, string path, ReadKind kind)
{
    public int Id { get; } = id;

    public string Path { get; } = path;

    public ReadKind Kind { get; } = kind;

    public string Token { get; } = CountedPath.Token(path);

    /// <summary>The post's or static page's id, found by its slug when the figures are written; null for lists and feeds.</summary>
    public int? ContentId { get; set; }

    public bool ContentLookedUp { get; set; }
}

public sealed class PageFigures
{
    public int Views { get; set; }

    public int Readers { get; set; }
}

public sealed class FeedFigures
{
    public int Fetches { get; set; }

    /// <summary>The day's largest stated subscriber count (summed over the service's feed ids): a level, not an increment.</summary>
    public int Subscribers { get; set; }
}

/// <summary>
/// Counts added since the last write, for one day: numbers and the names of pages and sources, never a reader's
/// address, user agent or hash. Written to the database as increments.
/// </summary>
public sealed class TallyFigures(DateOnly day)
{
    public DateOnly Day { get; } = day;

    public int Views { get; set; }

    public int Readers { get; set; }

    public int FeedFetches { get; set; }

    public Dictionary<CountedPage, PageFigures> Pages { get; } = [];

    public Dictionary<(CountedPage Page, SourceKind Kind, string Name), int> Sources { get; } = [];

    public Dictionary<(CountedPage Page, string Reader), FeedFigures> Feeds { get; } = [];

    public bool IsEmpty => Views == 0 && Readers == 0 && FeedFetches == 0 && Pages.Count == 0 && Sources.Count == 0 && Feeds.Count == 0;

    public PageFigures Page(CountedPage page)
    {
        if (!Pages.TryGetValue(page, out var figures))
        {
            Pages[page] = figures = new PageFigures();
        }

        return figures;
    }

    public FeedFigures Feed(CountedPage page, string reader)
    {
        if (!Feeds.TryGetValue((page, reader), out var figures))
        {
            Feeds[(page, reader)] = figures = new FeedFigures();
        }

        return figures;
    }

    /// <summary>Adds these figures (a write that failed) back into <paramref name="later"/>, so nothing is lost.</summary>
    public void AddTo(TallyFigures later)
    {
        later.Views += Views;
        later.Readers += Readers;
        later.FeedFetches += FeedFetches;
        foreach (var (page, figures) in Pages)
        {
            var into = later.Page(page);
            into.Views += figures.Views;
            into.Readers += figures.Readers;
        }

        foreach (var (key, count) in Sources)
        {
            later.Sources[key] = later.Sources.GetValueOrDefault(key) + count;
        }

        foreach (var ((page, reader), figures) in Feeds)
        {
            var into = later.Feed(page, reader);
            into.Fetches += figures.Fetches;
            into.Subscribers = Math.Max(into.Subscribers, figures.Subscribers);
        }
    }
}
