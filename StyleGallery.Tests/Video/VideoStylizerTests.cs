using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Video;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Video;

[Collection(TorchCollection.Name)]
public sealed class VideoStylizerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("video-").FullName;
    private readonly FastStylizer _fast = new(SharedData.Fast);
    private readonly VideoStylizer _video;

    public VideoStylizerTests() => _video = new VideoStylizer(_fast, TestVideos.Tools);

    public void Dispose()
    {
        _fast.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Frames go to the network as decoded (no denoising), so the output can be checked frame by frame.</summary>
    private static VideoOptions Options(int maxSide) => new() { Look = new() { MaxSide = maxSide, Precision = ComputePrecision.Float32 }, Denoise = false };

    [Fact]
    public void A_lossless_output_holds_exactly_the_network_s_picture_of_every_frame()
    {
        var input = TestVideos.Pattern(_folder, 64, 48, frames: 5);
        var output = Path.Combine(_folder, "painted.mkv");

        var result = _video.Stylize(input, output, "udnie", Options(64));

        Assert.Equal((64, 48, 5, "10/1"), (result.Width, result.Height, result.Frames, result.FrameRate));
        var camera = new CameraStream();
        var expected = TestVideos.PatternFrames(_folder, 64, 48, frames: 5).Select(f => _fast.StylizeFrame(f, "udnie", Options(64).Look, camera)).ToList();
        var actual = TestVideos.FramesOf(output, _folder);
        Assert.Equal(5, actual.Count);
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i].Pixels, actual[i].Pixels);
        Assert.NotEqual(actual[0].Pixels, TestVideos.PatternFrames(_folder, 64, 48, 1)[0].Pixels);
    }

    [Fact]
    public void Denoising_first_makes_a_noisy_still_scene_flicker_less()
    {
        var still = TestVideos.NoisyStill(_folder, 96, 64, frames: 8);

        _video.Stylize(still, Path.Combine(_folder, "raw.mkv"), "udnie", Options(96));
        _video.Stylize(still, Path.Combine(_folder, "denoised.mkv"), "udnie", Options(96) with { Denoise = true });

        var raw = Flicker(TestVideos.FramesOf(Path.Combine(_folder, "raw.mkv"), _folder));
        var denoised = Flicker(TestVideos.FramesOf(Path.Combine(_folder, "denoised.mkv"), _folder));
        Assert.True(denoised < 0.7 * raw, $"flicker {denoised:F2} with denoising vs {raw:F2} without");
    }

    [Fact]
    public void Following_the_camera_keeps_the_strokes_on_a_panning_scene()
    {
        var pan = TestVideos.Pan(_folder, SharedData.Content("tubingen.jpg"), 160, 96, frames: 6, step: 1);

        _video.Stylize(pan, Path.Combine(_folder, "followed.mkv"), "udnie", Options(160));
        _video.Stylize(pan, Path.Combine(_folder, "fixed.mkv"), "udnie", Options(160) with { FollowCamera = false });

        Assert.True(PanFlicker(TestVideos.FramesOf(pan, _folder)) < 1, "the test clip should be a pure one-pixel pan");
        var followed = PanFlicker(TestVideos.FramesOf(Path.Combine(_folder, "followed.mkv"), _folder));
        var unfollowed = PanFlicker(TestVideos.FramesOf(Path.Combine(_folder, "fixed.mkv"), _folder));
        Assert.True(followed < 0.4 * unfollowed, $"the painted scene changed by {followed:F2} a frame following the camera, {unfollowed:F2} not");
    }

    /// <summary>Mean change of the scene from frame to frame under a camera moving one pixel right a frame.</summary>
    private static double PanFlicker(IReadOnlyList<RgbImage> frames) =>
        frames.Zip(frames.Skip(1), (a, b) => SceneSteadiness.ShiftedDifference(a, b, 1, 0, margin: 16)).Average();

    /// <summary>Mean absolute change of a channel value from one frame to the next.</summary>
    private static double Flicker(IReadOnlyList<RgbImage> frames) =>
        frames.Zip(frames.Skip(1), (a, b) => a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Average()).Average();

    [Fact]
    public void Frames_are_scaled_down_to_even_sizes_and_the_sound_is_kept_in_an_mp4()
    {
        var input = TestVideos.Pattern(_folder, 99, 61, frames: 4, withTone: true);
        var output = Path.Combine(_folder, "painted.mp4");
        var reports = new List<VideoProgress>();

        var result = _video.Stylize(input, output, "wave", Options(50), new Collecting(reports));

        // 99×61 to a longest side of 50 is 50×31; H.264 4:2:0 needs even sides.
        Assert.Equal((50, 30), (result.Width, result.Height));
        Assert.True(result.HasAudio);
        Assert.Equal(["video", "audio"], TestVideos.StreamTypes(output));
        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Frame));
        Assert.All(reports, r => Assert.Equal(4, r.TotalFrames));
        Assert.All(TestVideos.FramesOf(output, _folder), f => Assert.Equal((50, 30), (f.Width, f.Height)));
    }

    [Fact]
    public void A_file_that_is_no_video_is_refused_with_a_clear_reason_and_nothing_is_written()
    {
        var notVideo = Path.Combine(_folder, "notes.mp4");
        File.WriteAllText(notVideo, "these are not frames");
        var output = Path.Combine(_folder, "out.mp4");

        var error = Assert.Throws<VideoException>(() => _video.Stylize(notVideo, output, "udnie", Options(64)));

        Assert.Contains("'notes.mp4' is not a video ffmpeg can read", error.Message);
        Assert.DoesNotContain(_folder, error.Message);
        Assert.Empty(Directory.GetFiles(_folder, "out.mp4*"));
    }

    [Fact]
    public void A_still_picture_is_not_taken_for_a_video()
    {
        var picture = Path.Combine(_folder, "photo.png");
        File.WriteAllBytes(picture, ImageEncoder.Encode(RgbImage.Filled(32, 32, 200, 10, 10), EncodedFormat.Png));

        var error = Assert.Throws<VideoException>(() => _video.Stylize(picture, Path.Combine(_folder, "out.mp4"), "udnie", Options(64)));

        Assert.Contains("is not a video", error.Message);
    }

    [Fact]
    public void A_file_that_claims_huge_frames_is_refused_before_decoding()
    {
        // Ten bytes with a GIF signature: ffprobe reports an 8255×28526 "video" from the header alone.
        var bomb = Path.Combine(_folder, "bomb.gif");
        File.WriteAllBytes(bomb, "GIF89a? no"u8.ToArray());

        var error = Assert.Throws<VideoException>(() => _video.Stylize(bomb, Path.Combine(_folder, "out.mp4"), "udnie", Options(64)));

        Assert.Equal("The video's frames are 8255×28526; at most 33 megapixels (8K) can be read.", error.Message);
    }

    [Fact]
    public void A_video_over_the_frame_limit_is_refused_before_any_frame_is_painted()
    {
        var input = TestVideos.Pattern(_folder, 32, 32, frames: 30);
        var reports = new List<VideoProgress>();

        var error = Assert.Throws<VideoException>(() =>
            _video.Stylize(input, Path.Combine(_folder, "out.mkv"), "udnie", Options(32) with { MaxFrames = 10 }, new Collecting(reports)));

        Assert.Contains("about 30 frames; at most 10", error.Message);
        Assert.Empty(reports);
    }

    [Fact]
    public void Cancelling_mid_video_leaves_no_file_behind()
    {
        var input = TestVideos.Pattern(_folder, 32, 32, frames: 20);
        var output = Path.Combine(_folder, "out.mkv");
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            _video.Stylize(input, output, "udnie", Options(32), new Collecting(p => { if (p.Frame == 3) cancel.Cancel(); }), cancel.Token));

        Assert.Empty(Directory.GetFiles(_folder, "out.mkv*"));
    }

    [Theory]
    [InlineData("out.avi")]
    [InlineData("out")]
    public void An_output_type_we_do_not_write_is_refused(string name)
    {
        var input = TestVideos.Pattern(_folder, 32, 32, frames: 2);

        var error = Assert.Throws<VideoException>(() => _video.Stylize(input, Path.Combine(_folder, name), "udnie", Options(32)));

        Assert.Contains("must end in .mp4, .webm or .mkv", error.Message);
    }

    [Fact]
    public void Without_ffmpeg_the_message_says_what_to_install()
    {
        var error = Assert.Throws<VideoException>(() => FfmpegTools.Locate(_folder));

        Assert.Contains("ffmpeg was not found", error.Message);
        Assert.Contains("apt-get install ffmpeg", error.Message);
    }

    private sealed class Collecting(Action<VideoProgress> onReport) : IProgress<VideoProgress>
    {
        public Collecting(List<VideoProgress> into) : this(into.Add) { }

        public void Report(VideoProgress value) => onReport(value);
    }
}
