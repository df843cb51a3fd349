using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Live;

namespace StyleGallery.Tests.Web;

public sealed class LiveCamerasTests
{
    private readonly ManualClock _clock = new();
    private readonly LiveCameras _cameras;

    public LiveCamerasTests() => _cameras = new LiveCameras(_clock);

    [Fact]
    public void A_camera_keeps_its_stream_and_is_told_apart_by_owner_and_id()
    {
        var phone = _cameras.For("owner-a", "phone");

        Assert.Same(phone, _cameras.For("owner-a", "phone"));
        Assert.NotSame(phone, _cameras.For("owner-a", "laptop"));
        Assert.NotSame(phone, _cameras.For("owner-b", "phone"));
        Assert.Equal(3, _cameras.Count);
    }

    [Fact]
    public void A_camera_unseen_for_over_a_minute_is_forgotten()
    {
        var phone = _cameras.For("owner", "phone");
        _cameras.For("owner", "laptop");

        _clock.Advance(TimeSpan.FromSeconds(50));
        _cameras.For("owner", "laptop");
        _clock.Advance(TimeSpan.FromSeconds(20)); // phone: 70 s unseen; laptop: 20 s

        Assert.NotSame(phone, _cameras.For("owner", "phone"));
        Assert.Equal(2, _cameras.Count);
    }

    [Fact]
    public void Past_the_limit_the_camera_unseen_longest_goes_first()
    {
        var first = _cameras.For("owner", "camera-0");
        for (var i = 1; i <= LiveCameras.MaxCameras; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            _cameras.For("owner", $"camera-{i}");
        }

        Assert.Equal(LiveCameras.MaxCameras, _cameras.Count);
        Assert.NotSame(first, _cameras.For("owner", "camera-0"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a b")]
    [InlineData("ünïcode")]
    public void An_id_that_is_not_letters_digits_or_dashes_is_refused(string id)
    {
        var error = Assert.Throws<UserFacingException>(() => _cameras.For("owner", id));
        Assert.Contains("letters, digits or dashes", error.Message);
        Assert.Equal(0, _cameras.Count);
    }

    [Fact]
    public void An_id_of_65_characters_is_refused_and_64_are_taken()
    {
        Assert.Throws<UserFacingException>(() => _cameras.For("owner", new string('a', 65)));
        Assert.NotNull(_cameras.For("owner", new string('a', 64)));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
