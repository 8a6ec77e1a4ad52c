using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Blog.Web.Statistics;

/// <summary>
/// Turns queued reads into the day's figures. Used by one thread at a time (<see cref="StatisticsRecorder"/>), so it
/// needs no locks. The only thing that can tell one reader from another is a hash of their address and user agent
/// keyed with the day's salt; salt and hashes live in this object's memory alone and are dropped when the day ends
/// (<see cref="StartDay"/>), so a reader can be recognised within a day and never across days, and nothing of them is
/// ever written anywhere.
/// </summary>
public sealed class ReadTally(IOptions<StatisticsOptions> options)
{
    private const int MaxUserAgents = 20_000;
    private const int MaxPages = 100_000;
    private const int MaxSourcesPerDay = 5_000;
    private const string OtherSources = "(others)";

    private readonly int maxViews = options.Value.MaxTrackedViewsPerDay;
    private readonly Dictionary<string, UserAgentInfo> agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CountedPage> pagesByRequestPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CountedPage> pagesByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CountedPage> pagesByToken = new(StringComparer.Ordinal);

    // The day's, forgotten when it ends.
    private SipHash salted = NewSalt();
    private readonly Dictionary<(ulong Reader, int Page), bool> views = [];
    private readonly HashSet<ulong> readers = [];
    private readonly HashSet<(int Page, SourceKind Kind, string Name)> sources = [];
    private readonly Dictionary<(int Page, string Reader, string FeedId), int> statedSubscribers = [];
    private readonly Dictionary<(int Page, string Reader), int> subscribers = [];

    private TallyFigures pending = new(default);

    public DateOnly Day { get; private set; }

    /// <summary>Readers recognised today (for the dashboard's "today" figure and the tests): a count, never the hashes.</summary>
    public int ReadersToday => readers.Count;

    /// <summary>
    /// Begins a day: a new salt, and every hash of the day before forgotten (the user agents whose verdicts were
    /// remembered, too). Take the pending figures first.
    /// </summary>
    public void StartDay(DateOnly day)
    {
        Day = day;
        salted = NewSalt();
        views.Clear();
        views.TrimExcess();
        agents.Clear();
        readers.Clear();
        readers.TrimExcess();
        sources.Clear();
        statedSubscribers.Clear();
        subscribers.Clear();
        pending = new TallyFigures(day);
    }

    /// <summary>The figures counted since the last call, for <see cref="Day"/>.</summary>
    public TallyFigures TakeFigures()
    {
        var taken = pending;
        pending = new TallyFigures(Day);
        return taken;
    }

    /// <summary>Puts back figures a failed write did not store (only when still the same day).</summary>
    public void Return(TallyFigures figures)
    {
        if (figures.Day == Day)
        {
            figures.AddTo(pending);
        }
    }

    public bool HasPending => !pending.IsEmpty;

    public void Add(in ReadEvent read)
    {
        if (read.IsPixel)
        {
            AddPixel(read);
        }
        else if (read.Kind == ReadKind.Feed)
        {
            AddFeedFetch(read);
        }
        else
        {
            AddView(read);
        }
    }

    private void AddView(in ReadEvent read)
    {
        if (Agent(read.UserAgent).IsBot)
        {
            return;
        }

        var page = Page(read.Path, read.Kind);
        if (page is null)
        {
            return;
        }

        pending.Views++;
        pending.Page(page).Views++;

        // Do Not Track / Global Privacy Control: a bare count, with nothing taken from the request or the reader.
        if (read.PrivacySignal)
        {
            return;
        }

        if (Referrers.FromReferrer(read.Referrer, read.Host) is { } source)
        {
            AddSource(page, source.Kind, source.Name);
        }

        if (Referrers.Campaign(read.Campaign) is { } campaign)
        {
            AddSource(page, SourceKind.Campaign, campaign);
        }

        if (views.Count < maxViews)
        {
            views.TryAdd((ReaderHash(read.Address, read.UserAgent!), page.Id), false);
        }
    }

    /// <summary>
    /// A browser loaded the page's stylesheet pixel: a program that only fetched the page would not have. The reader
    /// counts once a day per page, and once a day for the site, and only after a counted view of that very page.
    /// </summary>
    private void AddPixel(in ReadEvent read)
    {
        if (read.PrivacySignal || Agent(read.UserAgent).IsBot || !pagesByToken.TryGetValue(read.Path, out var page))
        {
            return;
        }

        var reader = ReaderHash(read.Address, read.UserAgent!);
        if (!views.TryGetValue((reader, page.Id), out var counted) || counted)
        {
            return;
        }

        views[(reader, page.Id)] = true;
        pending.Page(page).Readers++;
        if (readers.Add(reader))
        {
            pending.Readers++;
        }
    }

    /// <summary>Feed readers are programs by nature: every fetch counts, named after its reader, with the subscribers it states.</summary>
    private void AddFeedFetch(in ReadEvent read)
    {
        var page = Page(read.Path, ReadKind.Feed);
        if (page is null)
        {
            return;
        }

        var agent = Agent(read.UserAgent);
        var name = agent.FeedReader ?? "Unknown";
        pending.FeedFetches++;
        var figures = pending.Feed(page, name);
        figures.Fetches++;
        if (agent.Subscribers is { } stated)
        {
            // A service states one count per feed id it polls under (Feedbin has several): the day's figure is the sum of each id's largest.
            var key = (page.Id, name, agent.FeedId ?? "");
            var before = statedSubscribers.GetValueOrDefault(key);
            if (stated > before)
            {
                statedSubscribers[key] = stated;
                subscribers[(page.Id, name)] = subscribers.GetValueOrDefault((page.Id, name)) + stated - before;
            }
        }

        figures.Subscribers = subscribers.GetValueOrDefault((page.Id, name));
    }

    private void AddSource(CountedPage page, SourceKind kind, string name)
    {
        // Anyone can invent referrers and campaign tags: past a few thousand a day, new ones are counted together.
        if (!sources.Contains((page.Id, kind, name)))
        {
            if (sources.Count >= MaxSourcesPerDay)
            {
                name = OtherSources;
            }
            else
            {
                sources.Add((page.Id, kind, name));
            }
        }

        var key = (page, kind, name);
        pending.Sources[key] = pending.Sources.GetValueOrDefault(key) + 1;
    }

    private UserAgentInfo Agent(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return UserAgents.Classify(userAgent);
        }

        if (!agents.TryGetValue(userAgent, out var info))
        {
            if (agents.Count >= MaxUserAgents)
            {
                agents.Clear();
            }

            agents[userAgent] = info = UserAgents.Classify(userAgent);
        }

        return info;
    }

    private CountedPage? Page(string requestPath, ReadKind kind)
    {
        if (pagesByRequestPath.TryGetValue(requestPath, out var page))
        {
            return page;
        }

        var path = CountedPath.Normalize(requestPath);
        if (!pagesByPath.TryGetValue(path, out page))
        {
            if (pagesByPath.Count >= MaxPages)
            {
                return null;
            }

            page = new CountedPage(pagesByPath.Count + 1, path, kind);
            pagesByPath[path] = page;
            pagesByToken[page.Token] = page;
        }

        if (pagesByRequestPath.Count < MaxPages)
        {
            pagesByRequestPath[requestPath] = page;
        }

        return page;
    }

    /// <summary>A keyed hash with a new random 128-bit key (the day's salt), which exists nowhere else and is never written.</summary>
    private static SipHash NewSalt()
    {
        Span<byte> key = stackalloc byte[16];
        RandomNumberGenerator.Fill(key);
        var salt = new SipHash(BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]));
        CryptographicOperations.ZeroMemory(key);
        return salt;
    }

    private ulong ReaderHash(IPAddress? address, string userAgent)
    {
        var length = 16 + 1 + Encoding.UTF8.GetMaxByteCount(userAgent.Length);
        byte[]? rented = null;
        var input = length <= 2048 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = 0;
            if (address is not null && address.TryWriteBytes(input, out var addressBytes))
            {
                written = addressBytes;
            }

            input[written++] = 0;
            written += Encoding.UTF8.GetBytes(userAgent, input[written..]);
            return salted.Hash(input[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }
}
