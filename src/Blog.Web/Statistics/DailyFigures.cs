namespace Blog.Web.Statistics;

/// <summary>The whole blog's figures for one day (in the blog's time zone). Table <c>StatisticsDays</c>.</summary>
public sealed class DailySiteFigures
{
    public DateOnly Day { get; set; }

    /// <summary>Pages served to anything not known as a program, the owner excepted.</summary>
    public int Views { get; set; }

    /// <summary>Distinct browsers that rendered a page that day (they loaded its pixel).</summary>
    public int Readers { get; set; }

    public int FeedFetches { get; set; }
}

/// <summary>One page's figures for one day. Table <c>StatisticsPages</c>.</summary>
public sealed class DailyPageFigures
{
    public DateOnly Day { get; set; }

    /// <summary>The address read, lower case, without query (<c>/blog/my-essay</c>).</summary>
    public string Path { get; set; } = "";

    public ReadKind Kind { get; set; }

    /// <summary>The post's or static page's id at the time, so its figures follow it through a change of slug.</summary>
    public int? ContentId { get; set; }

    public int Views { get; set; }

    public int Readers { get; set; }
}

/// <summary>Views of one page from one source on one day. Table <c>StatisticsSources</c>.</summary>
public sealed class DailySourceFigures
{
    public DateOnly Day { get; set; }

    public string Path { get; set; } = "";

    public SourceKind Kind { get; set; }

    /// <summary>A host name (<c>news.ycombinator.com</c>), a search engine's or feed reader's name, or a campaign tag.</summary>
    public string Name { get; set; } = "";

    public int Views { get; set; }
}

/// <summary>One feed's fetches by one feed reader on one day. Table <c>StatisticsFeeds</c>.</summary>
public sealed class DailyFeedFigures
{
    public DateOnly Day { get; set; }

    public string Path { get; set; } = "";

    /// <summary>The feed reader's name (Feedly, NetNewsWire) or its software's first word.</summary>
    public string Reader { get; set; } = "";

    public int Fetches { get; set; }

    /// <summary>The largest subscriber count the reader stated that day (0 when it states none).</summary>
    public int Subscribers { get; set; }
}
