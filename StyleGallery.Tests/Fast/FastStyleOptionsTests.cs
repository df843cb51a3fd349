using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Video;

namespace StyleGallery.Tests.Fast;

/// <summary>The one check of a fast stylisation's settings, and of a video's, which contain them.</summary>
public sealed class FastStyleOptionsTests
{
    [Fact]
    public void The_defaults_and_the_ends_of_every_range_can_paint()
    {
        Assert.Empty(new FastStyleOptions().Problems());
        Assert.Empty(new FastStyleOptions { MaxSide = FastStyleOptions.MinSide, Strength = 0, EdgePadding = 0 }.Problems());
        Assert.Empty(new FastStyleOptions { MaxSide = FastStyleOptions.MaxSideLimit, Strength = 1, EdgePadding = FastStyleOptions.MaxEdgePadding }.Problems());
    }

    [Fact]
    public void Tiling_settings_out_of_range_are_problems()
    {
        var problems = new FastStyleOptions { Tile = 0, MemoryLimitMegabytes = 10, StatisticsPixels = 1 }.Problems();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("The tile size must be between 32", StringComparison.Ordinal));
        Assert.Empty(new FastStyleOptions { Tile = 32 }.Problems());
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var problems = new FastStyleOptions { MaxSide = 8, Strength = double.NaN, EdgePadding = -1 }.Problems();

        Assert.Equal(
        [
            "The size must be between 16 and 16384 pixels on the longest side (got 8).",
            "The style strength must be between 0 (the photo) and 1 (the style at full strength) (got NaN).",
            "The edge padding must be between 0 and 256 pixels (got -1).",
        ], problems);
    }

    [Fact]
    public void A_caller_may_allow_fewer_sizes_than_a_photo_has()
    {
        var options = new FastStyleOptions { MaxSide = 1024 };

        Assert.Empty(options.Problems());
        Assert.Equal(["The size must be between 64 and 640 pixels on the longest side (got 1024)."], options.Problems(64, 640));
    }

    [Fact]
    public void A_video_is_checked_with_its_frames_look_and_its_own_limits()
    {
        var video = new VideoOptions { Look = new() { Strength = 1.5 }, MaxFrames = 0 };

        Assert.Empty(new VideoOptions().Problems());
        Assert.Equal(640, new VideoOptions().Look.MaxSide);
        Assert.Equal(
        [
            "The style strength must be between 0 (the photo) and 1 (the style at full strength) (got 1.5).",
            "The frame limit must be at least 1 (got 0).",
        ], video.Problems());
    }
}
