using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace Blog.Web.Editing;

/// <summary>
/// What changed between two versions of a text, as an author reads it: paragraph by paragraph, and inside a changed
/// paragraph word by word, showing only the changed passages with a paragraph of context around them.
/// </summary>
public static class TextComparison
{
    /// <summary>Below this share of unchanged characters, a paragraph is shown as replaced rather than edited.</summary>
    private const double EditedThreshold = 0.35;

    public enum Change { Same, Added, Removed }

    public enum LineKind { Context, Edited, Added, Removed }

    public sealed record Segment(Change Change, string Text);

    public sealed record Line(LineKind Kind, IReadOnlyList<Segment> Segments)
    {
        public string Text => string.Concat(Segments.Select(s => s.Text));
    }

    /// <summary>A run of changed paragraphs with their context, after <paramref name="SkippedBefore"/> unchanged ones.</summary>
    public sealed record Passage(int SkippedBefore, IReadOnlyList<Line> Lines);

    public sealed record Result(IReadOnlyList<Passage> Passages, int SkippedAfter)
    {
        public bool HasChanges => Passages.Count > 0;
    }

    public static Result Compare(string before, string after, int context = 1)
    {
        var lines = Align(Normalize(before), Normalize(after));
        var changed = lines.Select(l => l.Kind != LineKind.Context).ToArray();

        // Keep each changed line and the nearest `context` non-blank unchanged lines on either side.
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!changed[i])
            {
                continue;
            }

            keep[i] = true;
            MarkContext(lines, keep, i, -1, context);
            MarkContext(lines, keep, i, +1, context);
        }

        var passages = new List<Passage>();
        var current = new List<Line>();
        var skipped = 0;
        var skippedBefore = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                if (current.Count == 0)
                {
                    skippedBefore = skipped;
                }
                else if (skipped > 0)
                {
                    passages.Add(new Passage(skippedBefore, current));
                    current = [];
                    skippedBefore = skipped;
                }

                current.Add(lines[i]);
                skipped = 0;
            }
            else if (!IsBlank(lines[i].Text))
            {
                skipped++;
            }
        }

        if (current.Count > 0)
        {
            passages.Add(new Passage(skippedBefore, current));
        }

        return new Result(passages, passages.Count == 0 ? 0 : skipped);
    }

    private static void MarkContext(List<Line> lines, bool[] keep, int from, int step, int count)
    {
        for (var j = from + step; j >= 0 && j < lines.Count && count > 0; j += step)
        {
            if (lines[j].Kind != LineKind.Context)
            {
                return;
            }

            if (!IsBlank(lines[j].Text))
            {
                keep[j] = true;
                count--;
            }
        }
    }

    private static List<Line> Align(string before, string after)
    {
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
        var lines = new List<Line>();
        var b = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; b < block.InsertStartB; b++)
            {
                lines.Add(Same(diff.PiecesNew[b]));
            }

            var removed = diff.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA).Where(l => !IsBlank(l)).ToList();
            var added = diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB).Where(l => !IsBlank(l)).ToList();
            var pairs = Math.Min(removed.Count, added.Count);
            for (var i = 0; i < pairs; i++)
            {
                var edited = Words(removed[i], added[i]);
                if (edited is not null)
                {
                    lines.Add(edited);
                }
                else
                {
                    lines.Add(Whole(LineKind.Removed, Change.Removed, removed[i]));
                    lines.Add(Whole(LineKind.Added, Change.Added, added[i]));
                }
            }

            lines.AddRange(removed.Skip(pairs).Select(l => Whole(LineKind.Removed, Change.Removed, l)));
            lines.AddRange(added.Skip(pairs).Select(l => Whole(LineKind.Added, Change.Added, l)));
            b = block.InsertStartB + block.InsertCountB;
        }

        for (; b < diff.PiecesNew.Count; b++)
        {
            lines.Add(Same(diff.PiecesNew[b]));
        }

        return lines;
    }

    /// <summary>One paragraph edited word by word, or null when too little of it is left to read it as an edit.</summary>
    private static Line? Words(string before, string after)
    {
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var segments = new List<Segment>();
        var b = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; b < block.InsertStartB; b++)
            {
                Append(segments, Change.Same, diff.PiecesNew[b]);
            }

            foreach (var piece in diff.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA))
            {
                Append(segments, Change.Removed, piece);
            }

            foreach (var piece in diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB))
            {
                Append(segments, Change.Added, piece);
            }

            b = block.InsertStartB + block.InsertCountB;
        }

        for (; b < diff.PiecesNew.Count; b++)
        {
            Append(segments, Change.Same, diff.PiecesNew[b]);
        }

        var same = segments.Where(s => s.Change == Change.Same && !string.IsNullOrWhiteSpace(s.Text)).Sum(s => s.Text.Length);
        var share = 2.0 * same / Math.Max(1, before.Length + after.Length);
        return share < EditedThreshold ? null : new Line(LineKind.Edited, Phrases(segments));
    }

    /// <summary>
    /// Changed words separated only by spaces read as one change: "quick grey" became "slow red", rather than
    /// "quick" became "slow" and "grey" became "red".
    /// </summary>
    private static List<Segment> Phrases(List<Segment> segments)
    {
        var result = new List<Segment>();
        for (var i = 0; i < segments.Count;)
        {
            if (segments[i].Change == Change.Same)
            {
                result.Add(segments[i++]);
                continue;
            }

            var removed = new System.Text.StringBuilder();
            var added = new System.Text.StringBuilder();
            for (; i < segments.Count; i++)
            {
                var segment = segments[i];
                if (segment.Change == Change.Removed)
                {
                    removed.Append(segment.Text);
                }
                else if (segment.Change == Change.Added)
                {
                    added.Append(segment.Text);
                }
                else if (string.IsNullOrWhiteSpace(segment.Text) && i + 1 < segments.Count && segments[i + 1].Change != Change.Same)
                {
                    removed.Append(segment.Text);
                    added.Append(segment.Text);
                }
                else
                {
                    break;
                }
            }

            if (removed.Length > 0)
            {
                result.Add(new Segment(Change.Removed, removed.ToString()));
            }

            if (added.Length > 0)
            {
                result.Add(new Segment(Change.Added, added.ToString()));
            }
        }

        return result;
    }

    private static void Append(List<Segment> segments, Change change, string text)
    {
        if (segments.Count > 0 && segments[^1].Change == change)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new Segment(change, text));
        }
    }

    private static Line Same(string text) => new(LineKind.Context, [new Segment(Change.Same, text)]);

    private static Line Whole(LineKind kind, Change change, string text) => new(kind, [new Segment(change, text)]);

    private static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
