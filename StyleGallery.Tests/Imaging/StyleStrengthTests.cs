using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Imaging;

public sealed class StyleStrengthTests
{
    private static readonly RgbImage Photo = new(2, 1, [0, 100, 255, 10, 20, 30]);
    private static readonly RgbImage Painted = new(2, 1, [200, 0, 55, 10, 221, 31]);

    [Fact]
    public void Strength_mixes_each_channel_between_the_photo_and_the_painted_picture()
    {
        // By hand: photo + s·(painted − photo), rounded half away from zero.
        Assert.Equal(new byte[] { 50, 75, 205, 10, 70, 30 }, StyleStrength.Mix(Photo, Painted, 0.25).Pixels);
        Assert.Equal(new byte[] { 100, 50, 155, 10, 121, 31 }, StyleStrength.Mix(Photo, Painted, 0.5).Pixels);
    }

    [Fact]
    public void No_strength_is_the_photo_and_full_strength_the_painted_picture()
    {
        Assert.Equal(Photo.Pixels, StyleStrength.Mix(Photo, Painted, 0).Pixels);
        Assert.Same(Painted, StyleStrength.Mix(Photo, Painted, 1));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_strength_outside_zero_to_one_is_refused_with_the_range(double strength)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StyleStrength.Mix(Photo, Painted, strength));
        Assert.Contains("between 0 (the photo) and 1", error.Message);
    }

    [Fact]
    public void Pictures_of_different_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => StyleStrength.Mix(Photo, RgbImage.Filled(1, 2, 0, 0, 0), 0.5));
    }
}
