using StyleGallery.Engine.Fast;

namespace StyleGallery.Tests.Fast;

/// <summary>The engine's live cameras: one stream per camera key, bounded, and forgotten when idle.</summary>
public sealed class CameraStreamsTests
{
    private readonly ManualClock _clock = new();
    private readonly CameraStreams _cameras;

    public CameraStreamsTests() => _cameras = new CameraStreams(_clock);

    [Fact]
    public void A_camera_keeps_its_stream_and_is_told_apart_by_its_key()
    {
        var phone = _cameras.For("owner-a/phone");

        Assert.Same(phone, _cameras.For("owner-a/phone"));
        Assert.NotSame(phone, _cameras.For("owner-a/laptop"));
        Assert.NotSame(phone, _cameras.For("owner-b/phone"));
        Assert.Equal(3, _cameras.Count);
    }

    [Fact]
    public void A_camera_unseen_for_over_a_minute_is_forgotten()
    {
        var phone = _cameras.For("owner/phone");
        _cameras.For("owner/laptop");

        _clock.Advance(TimeSpan.FromSeconds(50));
        _cameras.For("owner/laptop");
        _clock.Advance(TimeSpan.FromSeconds(20)); // phone: 70 s unseen; laptop: 20 s

        Assert.NotSame(phone, _cameras.For("owner/phone"));
        Assert.Equal(2, _cameras.Count);
    }

    [Fact]
    public void Past_the_limit_the_camera_unseen_longest_goes_first()
    {
        var first = _cameras.For("owner/camera-0");
        for (var i = 1; i <= CameraStreams.MaxCameras; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            _cameras.For($"owner/camera-{i}");
        }

        Assert.Equal(CameraStreams.MaxCameras, _cameras.Count);
        Assert.NotSame(first, _cameras.For("owner/camera-0"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
