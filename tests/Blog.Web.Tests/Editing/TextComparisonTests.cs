using Blog.Web.Editing;
using static Blog.Web.Editing.TextComparison;

namespace Blog.Web.Tests.Editing;

public sealed class TextComparisonTests
{
    private static string Render(Line line) => string.Concat(line.Segments.Select(s => s.Change switch
    {
        Change.Added => $"{{+{s.Text}+}}",
        Change.Removed => $"[-{s.Text}-]",
        _ => s.Text,
    }));

    [Fact]
    public void A_few_changed_words_are_marked_inside_their_paragraph()
    {
        var result = Compare("The quick grey fox crossed the sand.", "The slow red fox crossed the wet sand.");

        var line = Assert.Single(Assert.Single(result.Passages).Lines);
        Assert.Equal(LineKind.Edited, line.Kind);
        Assert.Equal("The [-quick grey-]{+slow red+} fox crossed the{+ wet+} sand.", Render(line));
    }

    [Fact]
    public void Only_changed_paragraphs_are_shown_with_one_paragraph_of_context_and_the_rest_counted()
    {
        var before = string.Join("\n\n", Enumerable.Range(1, 9).Select(i => $"Paragraph {i} stays as it was."));
        var after = before.Replace("Paragraph 5 stays", "Paragraph 5 moves", StringComparison.Ordinal);

        var result = Compare(before, after);

        var passage = Assert.Single(result.Passages);
        Assert.Equal(3, passage.SkippedBefore);
        Assert.Equal(3, result.SkippedAfter);
        Assert.Equal([LineKind.Context, LineKind.Edited, LineKind.Context], passage.Lines.Select(l => l.Kind));
        Assert.Equal("Paragraph 5 [-stays-]{+moves+} as it was.", Render(passage.Lines[1]));
    }

    [Fact]
    public void Added_removed_and_rewritten_paragraphs_are_shown_whole()
    {
        var result = Compare(
            "Kept.\n\nA sentence about the weather.\n\nGone entirely.",
            "Kept.\n\nSomething completely different is here now.\n\nAnd a new ending.\n\nKept too.");

        var kinds = result.Passages.SelectMany(p => p.Lines).Select(l => l.Kind).ToList();
        Assert.Contains(LineKind.Added, kinds);
        Assert.Contains(LineKind.Removed, kinds);
        Assert.DoesNotContain(LineKind.Edited, kinds);
        Assert.Contains(result.Passages.SelectMany(p => p.Lines), l => l.Kind == LineKind.Removed && l.Text == "Gone entirely.");
    }

    [Fact]
    public void The_same_text_has_no_passages()
    {
        var result = Compare("One.\r\n\r\nTwo.", "One.\n\nTwo.\n");

        Assert.False(result.HasChanges);
        Assert.Empty(result.Passages);
    }
}
