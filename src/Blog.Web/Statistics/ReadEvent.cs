using System.Net;

namespace Blog.Web.Statistics;

/// <summary>
/// One counted request as the hot path saw it: references to strings the request already holds, nothing computed.
/// Classifying the user agent, hashing the reader and naming the referrer all happen later, in <see cref="ReadTally"/>.
/// </summary>
public readonly record struct ReadEvent(
    ReadKind Kind,
    string Path,
    string? UserAgent,
    IPAddress? Address,
    string? Referrer,
    string? Campaign,
    string? Host,
    bool PrivacySignal,
    bool IsPixel);
