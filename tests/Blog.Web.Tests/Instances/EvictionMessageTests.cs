using Blog.Web.Data;
using Blog.Web.Instances;

namespace Blog.Web.Tests.Instances;

public sealed class EvictionMessageTests
{
    [Fact]
    public void A_message_carries_its_sender_and_the_tags_to_evict()
    {
        var read = EvictionMessage.Read(EvictionMessage.Write("host/1/abc", [ReaderPages.Post(7), ReaderPages.Post(9)]));

        Assert.Equal("host/1/abc", read!.Value.Sender);
        Assert.Equal(["post:7", "post:9"], read.Value.Tags!);
    }

    [Fact]
    public void Everything_no_tags_or_too_many_to_fit_a_notification_say_evict_everything()
    {
        var many = Enumerable.Range(1, 2000).Select(ReaderPages.Post).ToList();

        Assert.Null(EvictionMessage.Read(EvictionMessage.Write("a", null))!.Value.Tags);
        Assert.Null(EvictionMessage.Read(EvictionMessage.Write("a", []))!.Value.Tags);
        Assert.Null(EvictionMessage.Read(EvictionMessage.Write("a", many))!.Value.Tags);
        Assert.True(EvictionMessage.Write("a", many).Length <= EvictionMessage.MaxLength);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("only-a-sender")]
    public void Text_that_is_not_a_message_is_ignored(string? text) => Assert.Null(EvictionMessage.Read(text));
}
