using Blog.Web.Media;

namespace Blog.Web.Tests.Media;

public sealed class CameraDetailsTests
{
    [Fact]
    public void The_summary_reads_as_a_photographer_writes_it()
    {
        var details = new CameraDetails { Camera = "X100V", Lens = "23mm F2", FocalLength = 23, Aperture = 2, ExposureTime = 0.004, Iso = 400 };

        Assert.Equal("X100V · 23mm F2 · 23 mm · ƒ/2 · 1/250 s · ISO 400", details.Summary);
        Assert.Equal("2 s", new CameraDetails { ExposureTime = 2 }.Summary);
        Assert.True(new CameraDetails().IsEmpty);
    }

    [Fact]
    public void A_file_without_camera_tags_or_with_only_a_location_gives_no_details()
    {
        Assert.True(CameraDetails.Read(TestImages.Jpeg(64, 48)).IsEmpty);
        Assert.True(CameraDetails.Read(TestImages.Jpeg(64, 48, orientation: 6, withGps: true)).IsEmpty);
        Assert.True(CameraDetails.Read([1, 2, 3]).IsEmpty);
    }
}
