using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Bench.Evaluation;

public sealed class GrainTests
{
    [Fact]
    public void A_flat_picture_has_no_grain()
    {
        Assert.Equal(0, Grain.MeanAbsoluteLaplacian(RgbImage.Filled(8, 6, 90, 140, 30)));
    }

    [Fact]
    public void One_white_dot_in_black_has_the_hand_computed_laplacian()
    {
        // 3×3, white centre: the one interior pixel's Laplacian is 0 + 0 + 0 + 0 − 4·255 = −1020.
        var pixels = new byte[27];
        pixels[12] = pixels[13] = pixels[14] = 255;
        Assert.Equal(1020, Grain.MeanAbsoluteLaplacian(new RgbImage(3, 3, pixels)), 9);
    }

    [Fact]
    public void A_grey_checkerboard_uses_the_luminance()
    {
        // 4×4 checkerboard of pure red (Y = 0.299·255 = 76.245) and black: every interior pixel has four neighbours of the
        // other colour, so |L| = 4·76.245 = 304.98 at all 2×2 interior pixels.
        Assert.Equal(304.98, Grain.MeanAbsoluteLaplacian(Checkerboard(4, 255)), 9);
    }

    [Fact]
    public void The_ratio_is_the_pictures_grain_over_the_paintings()
    {
        // The same checkerboard at full and at about half red: the luminance, and so the Laplacian, scales by 255/128.
        Assert.Equal(255.0 / 128, Grain.Ratio(Checkerboard(4, 255), Checkerboard(4, 128)), 9);
        Assert.Equal(1, Grain.Ratio(Checkerboard(6, 200), Checkerboard(6, 200)), 9);
    }

    private static RgbImage Checkerboard(int side, byte red)
    {
        var pixels = new byte[side * side * 3];
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
                if ((x + y) % 2 == 0) pixels[(y * side + x) * 3] = red;
        return new RgbImage(side, side, pixels);
    }
}
