using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Fast;

public sealed class GridPhaseTests
{
    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(5, 2, 1, 2)]
    [InlineData(-1, -6, 3, 2)]
    [InlineData(8, -8, 0, 0)]
    [InlineData(1_000_003, -1_000_001, 3, 3)]
    public void A_total_shift_wraps_onto_the_four_pixel_grid(long shiftX, long shiftY, int x, int y) =>
        Assert.Equal(new GridPhase(x, y), GridPhase.Of(shiftX, shiftY));

    [Theory]
    [InlineData(4, 0)]
    [InlineData(0, -1)]
    public void A_phase_outside_the_grid_is_refused(int x, int y) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridPhase(x, y));

    [Fact]
    public void A_phase_moves_the_picture_into_the_grid_and_keeps_the_padded_size()
    {
        var frame = RgbImage.Filled(100, 60, 0, 0, 0);
        // Edge padding 24 leaves 8 before and 24 after; a phase adds 3 in all, X of it before.
        Assert.Equal(new FastStylizer.Margins(8, 8, 24, 24), FastStylizer.MarginsFor(frame, 24, null));
        Assert.Equal(new FastStylizer.Margins(8, 8, 27, 27), FastStylizer.MarginsFor(frame, 24, new GridPhase(0, 0)));
        Assert.Equal(new FastStylizer.Margins(9, 11, 26, 24), FastStylizer.MarginsFor(frame, 24, new GridPhase(1, 3)));
        Assert.Equal(new FastStylizer.Margins(2, 0, 1, 3), FastStylizer.MarginsFor(frame, 0, new GridPhase(2, 0)));
        // A 10×8 frame can mirror 7 pixels: 4 of edge padding (1 before) and the phase's 3.
        Assert.Equal(new FastStylizer.Margins(4, 2, 4, 6), FastStylizer.MarginsFor(RgbImage.Filled(10, 8, 0, 0, 0), 24, new GridPhase(3, 1)));
        // Too small to mirror the phase: painted without one.
        Assert.Equal(new FastStylizer.Margins(0, 0, 2, 2), FastStylizer.MarginsFor(RgbImage.Filled(3, 3, 0, 0, 0), 24, new GridPhase(3, 1)));
    }
}
