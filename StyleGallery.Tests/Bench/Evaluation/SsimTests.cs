using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Bench.Evaluation;

[Collection(TorchCollection.Name)]
public sealed class SsimTests
{
    [Fact]
    public void A_picture_is_identical_to_itself()
    {
        var picture = Noise(48, 40, seed: 1);
        Assert.Equal(1.0, Ssim.Measure(picture, picture), 12);
    }

    [Fact]
    public void Two_flat_pictures_compare_by_their_luminance_term_alone()
    {
        // No variance anywhere: SSIM = (2ab + C1) / (a² + b² + C1) with C1 = (0.01·255)² = 6.5025.
        var expected = (2.0 * 100 * 120 + 6.5025) / (100.0 * 100 + 120.0 * 120 + 6.5025);
        Assert.Equal(expected, Ssim.Measure(RgbImage.Filled(32, 24, 100, 100, 100), RgbImage.Filled(32, 24, 120, 120, 120)), 10);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(40)]
    public void Independent_noise_lowers_it_as_the_variances_say(int amplitude)
    {
        // Uniform bytes have variance σ² = (256² − 1)/12; uniform integer noise in ±a adds σn² = ((2a + 1)² − 1)/12 and
        // leaves the means, so SSIM ≈ (2σ² + C2) / (2σ² + σn² + C2) with C2 = (0.03·255)² (clipping at 0 and 255 aside).
        var picture = Noise(96, 96, seed: 2);
        var noisy = AddNoise(picture, amplitude, seed: 3);
        const double Variance = (256.0 * 256 - 1) / 12, C2 = 58.5225;
        var noise = ((2.0 * amplitude + 1) * (2 * amplitude + 1) - 1) / 12;

        var measured = Ssim.Measure(picture, noisy);

        Assert.Equal((2 * Variance + C2) / (2 * Variance + noise + C2), measured, 0.01);
        Assert.Equal(measured, Ssim.Measure(noisy, picture), 12);
    }

    [Fact]
    public void Pictures_of_different_sizes_are_refused() =>
        Assert.Throws<ArgumentException>(() => Ssim.Measure(RgbImage.Filled(32, 24, 0, 0, 0), RgbImage.Filled(24, 32, 0, 0, 0)));

    private static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage AddNoise(RgbImage image, int amplitude, int seed)
    {
        var random = new Random(seed);
        var pixels = image.Pixels.Select(p => (byte)Math.Clamp(p + random.Next(-amplitude, amplitude + 1), 0, 255)).ToArray();
        return new RgbImage(image.Width, image.Height, pixels);
    }
}
