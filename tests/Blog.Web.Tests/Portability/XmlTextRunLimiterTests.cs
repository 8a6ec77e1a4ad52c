using System.Xml;
using Blog.Web.Portability.Import;

namespace Blog.Web.Tests.Portability;

/// <summary>Long runs of text and CDATA are cut short, and what comes out is still well-formed XML.</summary>
public sealed class XmlTextRunLimiterTests
{
    private static string Limit(string xml, int maxRun)
    {
        using var reader = new XmlTextRunLimiter(new StringReader(xml), maxRun);
        return reader.ReadToEnd();
    }

    private static List<string> Texts(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        var texts = new List<string>();
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                texts.Add(reader.Value);
            }
        }

        return texts;
    }

    [Theory]
    [InlineData("<a>abcdefghij</a>", "abcde")]
    [InlineData("<a>ab&amp;cdefghij</a>", "ab&")]
    [InlineData("<a>abcd&amp;efghij</a>", "abcd&")]
    [InlineData("<a><![CDATA[abcdefghij]]></a>", "abcde")]
    [InlineData("<a><![CDATA[abcd]]]]></a>", "abcd]")]
    [InlineData("<a><![CDATA[ab<p>c</p>defgh]]></a>", "ab<p>")]
    [InlineData("<a x=\"1\">abc</a>", "abc")]
    public void A_long_run_is_cut_and_the_document_stays_well_formed(string xml, string expected)
    {
        Assert.Equal([expected], Texts(Limit(xml, 5)));
    }

    [Fact]
    public void Short_runs_and_markup_pass_through_unchanged()
    {
        const string xml = "<rss><item><title>Hi &amp; bye</title><b><![CDATA[<p>x]]y</p>]]></b></item></rss>";

        Assert.Equal(xml, Limit(xml, 100));
    }

    [Fact]
    public void Reading_one_character_at_a_time_gives_the_same_text()
    {
        const string xml = "<r><a><![CDATA[abcdefghij]]></a><b>klmnopq</b></r>";
        using var reader = new XmlTextRunLimiter(new StringReader(xml), 3);
        var text = new System.Text.StringBuilder();
        for (var c = reader.Read(); c >= 0; c = reader.Read())
        {
            text.Append((char)c);
        }

        Assert.Equal(Limit(xml, 3), text.ToString());
        Assert.Equal(["abc", "klm"], Texts(text.ToString()));
    }
}
