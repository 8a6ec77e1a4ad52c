using Blog.Web.Media;

namespace Blog.Web.Tests.Media;

public sealed class ResponsiveImageTests
{
    [Theory]
    [InlineData(6000, "480,960,1600,2400")]
    [InlineData(2400, "480,960,1600,2400")]
    [InlineData(1000, "480,960,1000")]
    [InlineData(480, "480")]
    [InlineData(300, "300")]
    public void Widths_are_the_standard_ones_below_the_photo_then_its_own_capped_at_2400(int width, string expected) =>
        Assert.Equal(expected, string.Join(",", ResponsiveImage.WidthsFor(width)));

    [Theory]
    [InlineData("/media/12/1600.jpg", 12)]
    [InlineData("/media/3/original.png", 3)]
    [InlineData("https://elsewhere.example/media/3/480.jpg", null)]
    [InlineData("/media/3/480.svg", null)]
    [InlineData("/media/x/480.jpg", null)]
    public void Only_site_relative_library_addresses_are_library_photos(string url, int? expected) =>
        Assert.Equal(expected, ResponsiveImage.TryParseId(url, out var id) ? id : null);
}
