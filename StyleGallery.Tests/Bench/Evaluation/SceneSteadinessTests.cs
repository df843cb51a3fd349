using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Bench.Evaluation;

public sealed class SceneSteadinessTests
{
    [Fact]
    public void A_frame_that_moved_with_the_camera_differs_by_nothing()
    {
        var scene = TestImages.Gradient(40, 30);
        var earlier = scene.Crop(5, 4, 20, 16);
        var later = scene.Crop(7, 3, 20, 16); // the camera moved 2 right and 1 up

        Assert.Equal(0, SceneSteadiness.ShiftedDifference(earlier, later, 2, -1, margin: 2));
        Assert.True(SceneSteadiness.ShiftedDifference(earlier, later, 0, 0, margin: 2) > 5);
    }

    [Fact]
    public void The_difference_is_the_mean_over_the_common_points_inside_the_margin()
    {
        // 4×3 frames of equal rows, camera moved 1 right: later(x) is compared with earlier(x + 1) for x = 0, 1, 2.
        var earlier = Row(10, 20, 30, 40);
        var later = Row(20, 36, 40, 99);

        // |20-20| + |36-30| + |40-40| over three points, each three channels alike: 6/3 = 2.
        Assert.Equal(2, SceneSteadiness.ShiftedDifference(earlier, later, 1, 0, margin: 0), 10);
        // A margin of 1 leaves x = 1 only (x + 1 = 2 must be inside too): |36-30| = 6.
        Assert.Equal(6, SceneSteadiness.ShiftedDifference(earlier, later, 1, 0, margin: 1), 10);
    }

    [Fact]
    public void Frames_without_common_points_or_of_different_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SceneSteadiness.ShiftedDifference(Row(1, 2, 3, 4), Row(1, 2, 3, 4), 4, 0, margin: 0));
        Assert.Throws<ArgumentException>(() => SceneSteadiness.ShiftedDifference(Row(1, 2, 3, 4), Row(1, 2, 3), 0, 0, margin: 0));
    }

    [Fact]
    public void A_crop_is_the_window_it_names_and_must_fit()
    {
        var scene = TestImages.Gradient(40, 30);
        var window = scene.Crop(5, 4, 3, 2);

        Assert.Equal((3, 2), (window.Width, window.Height));
        Assert.Equal(scene[5, 4], window[0, 0]);
        Assert.Equal(scene[7, 5], window[2, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => scene.Crop(38, 0, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => scene.Crop(-1, 0, 3, 2));
    }

    /// <summary>Three equal rows of grey pixels, so a margin of 1 leaves the middle row.</summary>
    private static RgbImage Row(params byte[] greys) =>
        new(greys.Length, 3, Enumerable.Repeat(greys, 3).SelectMany(row => row).SelectMany(g => new[] { g, g, g }).ToArray());
}
