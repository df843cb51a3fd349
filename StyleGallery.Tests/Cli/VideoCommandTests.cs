using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Video;

namespace StyleGallery.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class VideoCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Paints_a_video_with_its_sound_and_says_what_it_wrote()
    {
        var clip = TestVideos.Pattern(_cli.Root, 80, 60, frames: 6, withTone: true);
        var output = Path.Combine(_cli.Root, "out", "painted.webm");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var (code, stdout, stderr) = await _cli.Run("video", "--style", "scream", "--in", clip, "--out", output, "--size", "40");

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout);
        Assert.Contains("(40×30, 6 frames, with sound)", stdout);
        Assert.Equal(["video", "audio"], TestVideos.StreamTypes(output));
    }

    [Fact]
    public async Task The_painted_video_carries_none_of_the_sources_metadata()
    {
        var clip = TestVideos.WithMetadata(TestVideos.Pattern(_cli.Root, 32, 32, frames: 2, withTone: true), Path.Combine(_cli.Root, "tagged.mkv"),
            "-metadata", "title=secret-title", "-metadata:s:a:0", "language=swe", "-metadata:s:a:0", "handler_name=SecretHandler",
            "-metadata:s:v:0", "handler_name=SecretCamera");
        Assert.Contains("SecretHandler", TestVideos.Tags(clip)); // the source does carry them
        var output = Path.Combine(_cli.Root, "clean.mp4");

        var (code, _, stderr) = await _cli.Run("video", "--style", "udnie", "--in", clip, "--out", output, "--size", "32");

        Assert.True(code == 0, stderr);
        var tags = TestVideos.Tags(output);
        Assert.Equal(["video", "audio"], TestVideos.StreamTypes(output));
        foreach (var secret in new[] { "secret-title", "swe", "SecretHandler", "SecretCamera" }) Assert.DoesNotContain(secret, tags);
    }

    [Fact]
    public async Task No_audio_leaves_the_sound_out()
    {
        var clip = TestVideos.Pattern(_cli.Root, 32, 32, frames: 2, withTone: true);
        var output = Path.Combine(_cli.Root, "silent.mp4");

        var (code, stdout, stderr) = await _cli.Run("video", "--style", "udnie", "--in", clip, "--out", output, "--no-audio");

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("with sound", stdout);
        Assert.Equal(["video"], TestVideos.StreamTypes(output));
    }

    [Fact]
    public async Task A_text_file_is_refused_with_exit_3_and_the_reason()
    {
        var notes = _cli.File_("notes.mp4", "not a video"u8.ToArray());

        var (code, _, error) = await _cli.Run("video", "--style", "udnie", "--in", notes, "--out", Path.Combine(_cli.Root, "o.mp4"));

        Assert.Equal(3, code);
        Assert.Contains("is not a video ffmpeg can read", error);
        Assert.False(File.Exists(Path.Combine(_cli.Root, "o.mp4")));
    }

    [Fact]
    public async Task An_unknown_style_exits_4_and_lists_the_styles()
    {
        var clip = TestVideos.Pattern(_cli.Root, 32, 32, frames: 2);

        var (code, _, error) = await _cli.Run("video", "--style", "monet", "--in", clip, "--out", Path.Combine(_cli.Root, "o.mp4"));

        Assert.Equal(4, code);
        Assert.Contains("'monet' is not a fast style", error);
        Assert.Contains("udnie", error);
    }

    [Fact]
    public async Task A_strength_above_one_exits_2_with_the_range()
    {
        var clip = TestVideos.Pattern(_cli.Root, 32, 32, frames: 2);

        var (code, _, error) = await _cli.Run("video", "--style", "udnie", "--in", clip, "--out", Path.Combine(_cli.Root, "o.mp4"), "--strength", "3");

        Assert.Equal(2, code);
        Assert.Contains("strength must be between 0", error);
        Assert.False(File.Exists(Path.Combine(_cli.Root, "o.mp4")));
    }

    [Fact]
    public async Task An_unknown_output_type_exits_2()
    {
        var clip = TestVideos.Pattern(_cli.Root, 32, 32, frames: 2);

        var (code, _, error) = await _cli.Run("video", "--style", "udnie", "--in", clip, "--out", Path.Combine(_cli.Root, "o.gif"));

        Assert.Equal(2, code);
        Assert.Contains("must end in .mp4, .webm or .mkv", error);
    }

    [Fact]
    public async Task No_follow_camera_paints_every_frame_on_the_same_grid()
    {
        var pan = TestVideos.Pan(_cli.Root, SharedData.Content("tubingen.jpg"), 96, 64, frames: 3, step: 1);
        string[] exact = ["--style", "udnie", "--in", pan, "--size", "96", "--no-denoise", "--precision", "Float32"];
        var (fixedPath, followedPath) = (Path.Combine(_cli.Root, "fixed.mkv"), Path.Combine(_cli.Root, "followed.mkv"));

        var (code, _, stderr) = await _cli.Run(["video", .. exact, "--out", fixedPath, "--no-follow-camera"]);
        var (followedCode, _, followedError) = await _cli.Run(["video", .. exact, "--out", followedPath]);

        Assert.True(code == 0 && followedCode == 0, stderr + followedError);
        using var fast = new FastStylizer(SharedData.Fast);
        var options = new FastStyleOptions { MaxSide = 96, Precision = ComputePrecision.Float32 };
        var onOneGrid = TestVideos.FramesOf(pan, _cli.Root).Select(f => fast.StylizeFrame(f, "udnie", options).Pixels).ToList();
        Assert.Equal(onOneGrid, TestVideos.FramesOf(fixedPath, _cli.Root).Select(f => f.Pixels));
        Assert.NotEqual(onOneGrid[1], TestVideos.FramesOf(followedPath, _cli.Root)[1].Pixels);
    }
}
