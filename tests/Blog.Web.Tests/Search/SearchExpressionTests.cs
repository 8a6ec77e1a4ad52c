using Blog.Web.Search;

namespace Blog.Web.Tests.Search;

public sealed class SearchExpressionTests
{
    [Theory]
    [InlineData("harbour", "\"harbour\"*")]
    [InlineData("  fog   bay ", "\"fog\" \"bay\"*")]
    [InlineData("\"fog AND bay\" OR NOT -x*", "\"fog\" \"AND\" \"bay\" \"OR\" \"NOT\" \"x\"*")]
    [InlineData("title:fog (bay", "\"title\" \"fog\" \"bay\"*")]
    [InlineData("crème brûlée", "\"crème\" \"brûlée\"*")]
    [InlineData("fog fog FOG", "\"fog\"*")]
    public void Keeps_only_the_words_each_quoted(string query, string expected) =>
        Assert.Equal(expected, SearchExpression.From(query));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"\" ()*-^:")]
    [InlineData("🐟🌊")]
    public void Text_without_words_searches_for_nothing(string? query) =>
        Assert.Null(SearchExpression.From(query));

    [Fact]
    public void Long_queries_are_cut_to_a_few_words()
    {
        var expression = SearchExpression.From(string.Join(' ', Enumerable.Repeat("word", 500).Select((w, i) => w + i)))!;

        Assert.Equal(SearchExpression.MaxWords, expression.Split(' ').Length);
    }
}
