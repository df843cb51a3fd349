using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Fast;

[Collection(TorchCollection.Name)]
public sealed class TemporalDenoiserTests
{
    [Fact]
    public void A_small_change_is_mostly_averaged_away_and_a_large_one_passes()
    {
        var denoiser = new TemporalDenoiser();
        Assert.Equal([100, 100, 100, 100], Greys(denoiser.Next(Row(100, 100, 100, 100), null)));

        var next = denoiser.Next(Row(103, 100, 140, 97), (0, 0));

        // Share of the previous value at a difference of 3: 0.75·exp(-9/200) = 0.72 → 103 - 2.16 = 101;
        // at 40 it is 0.75·exp(-1600/200) ≈ 0.0003, so 140 stays; -3 mirrors +3.
        Assert.Equal([101, 100, 140, 99], Greys(next));
    }

    [Fact]
    public void The_previous_frame_is_taken_where_the_camera_has_moved_it()
    {
        var denoiser = new TemporalDenoiser();
        denoiser.Next(Row(10, 20, 30, 40), null);

        // The camera moved one pixel right: x now sees what x + 1 saw; the last point is new and passes.
        var next = denoiser.Next(Row(22, 32, 42, 90), (1, 0));

        Assert.Equal([21, 31, 41, 90], Greys(next));
    }

    [Fact]
    public void Without_a_move_the_stream_starts_again()
    {
        var denoiser = new TemporalDenoiser();
        denoiser.Next(Row(100, 100, 100, 100), null);

        Assert.Equal([103, 103, 103, 103], Greys(denoiser.Next(Row(103, 103, 103, 103), null)));
    }

    [Fact]
    public void Only_a_denoising_camera_stream_changes_the_frames()
    {
        var (first, second) = (Row(100, 100, 100, 100), Row(102, 98, 102, 98));
        var plain = new CameraStream();
        plain.Next(first);
        var denoising = new CameraStream(denoise: true);
        Assert.Same(first, denoising.Next(first).Frame);

        Assert.Same(second, plain.Next(second).Frame);
        Assert.Equal([101, 99, 101, 99], Greys(denoising.Next(second).Frame));
    }

    [Fact]
    public void A_noisy_still_camera_flickers_less_painted_through_a_denoising_stream()
    {
        using var stylizer = new FastStylizer(SharedData.Fast);
        var options = new FastStyleOptions { MaxSide = 96 };
        var random = new Random(7);
        var still = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 128).Crop(16, 12, 96, 72);
        var frames = Enumerable.Range(0, 6).Select(_ => WithNoise(still, random, amplitude: 4)).ToList();

        var plain = Flicker(Paint(stylizer, frames, options, new CameraStream()));
        var denoised = Flicker(Paint(stylizer, frames, options, new CameraStream(denoise: true)));

        Assert.True(denoised < 0.6 * plain, $"painted frames changed by {denoised:F2} denoised, {plain:F2} not");
    }

    private static List<RgbImage> Paint(FastStylizer stylizer, IEnumerable<RgbImage> frames, FastStyleOptions options, CameraStream camera) =>
        frames.Select(f => stylizer.StylizeFrame(f, "udnie", options, camera)).ToList();

    /// <summary>Mean change from frame to frame after the first two (the denoiser needs a frame to start from).</summary>
    private static double Flicker(IReadOnlyList<RgbImage> frames) =>
        frames.Skip(1).Zip(frames.Skip(2), (a, b) => SceneSteadiness.ShiftedDifference(a, b, 0, 0, margin: 8)).Average();

    private static RgbImage WithNoise(RgbImage image, Random random, int amplitude) =>
        new(image.Width, image.Height, image.Pixels.Select(p => (byte)Math.Clamp(p + random.Next(-amplitude, amplitude + 1), 0, 255)).ToArray());

    /// <summary>One row of grey pixels.</summary>
    private static RgbImage Row(params byte[] greys) => new(greys.Length, 1, greys.SelectMany(g => new[] { g, g, g }).ToArray());

    private static byte[] Greys(RgbImage image) => Enumerable.Range(0, image.Width).Select(x => image[x, 0].R).ToArray();
}
