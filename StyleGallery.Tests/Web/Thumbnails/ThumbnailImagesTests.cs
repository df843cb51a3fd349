using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Tests.Web.Thumbnails;

public sealed class ThumbnailImagesTests
{
    [Fact]
    public void A_tall_picture_keeps_its_centre_at_the_shapes_proportion_and_width()
    {
        var picture = Bands(1000, 2000); // red top quarter, green middle, blue bottom quarter

        var card = ThumbnailImages.Make(picture, ThumbnailShape.Card, 480);

        Assert.Equal((480, 360), (card.Width, card.Height));
        Assert.Equal((0, 255, 0), Rounded(card[0, 0]));
        Assert.Equal((0, 255, 0), Rounded(card[479, 359]));
    }

    [Fact]
    public void A_wide_picture_is_shrunk_whole_and_a_small_one_is_never_enlarged()
    {
        var wide = ThumbnailImages.Make(RgbImage.Filled(1200, 400, 1, 2, 3), ThumbnailShape.Card, 240);
        var small = ThumbnailImages.Make(RgbImage.Filled(100, 60, 1, 2, 3), ThumbnailShape.Card, 480);

        Assert.Equal((240, 80), (wide.Width, wide.Height));
        Assert.Equal((100, 60), (small.Width, small.Height));
    }

    [Fact]
    public void A_file_is_decoded_no_larger_than_the_widest_thumbnail_of_its_shape_needs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sg-thumb-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, ImageEncoder.Encode(RgbImage.Filled(2000, 1000, 90, 120, 150), EncodedFormat.Jpeg));
        try
        {
            var card = ThumbnailImages.Decode(path, ThumbnailShape.Card);
            var small = ThumbnailImages.Decode(path, ThumbnailShape.Small);

            Assert.Equal((480, 240), (card.Width, card.Height));
            Assert.Equal((240, 120), (small.Width, small.Height));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("card-240.webp", true)]
    [InlineData("card-480.jpg", true)]
    [InlineData("small-240.webp", true)]
    [InlineData("card-241.webp", false)]
    [InlineData("card-2400.webp", false)]
    [InlineData("card-240.png", false)]
    [InlineData("poster-240.webp", false)]
    [InlineData("../card-240.webp", false)]
    public void Only_the_variants_the_pages_use_are_names_of_thumbnails(string fileName, bool known)
    {
        var variant = ThumbnailVariant.Parse(fileName);

        Assert.Equal(known, variant is not null);
        if (variant is not null) Assert.Equal(fileName, variant.FileName);
    }

    private static RgbImage Bands(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var channel = y < height / 4 ? 0 : y < height * 3 / 4 ? 1 : 2;
            for (var x = 0; x < width; x++) pixels[(y * width + x) * 3 + channel] = 255;
        }
        return new RgbImage(width, height, pixels);
    }

    private static (int, int, int) Rounded((byte R, byte G, byte B) pixel) =>
        (pixel.R < 128 ? 0 : 255, pixel.G < 128 ? 0 : 255, pixel.B < 128 ? 0 : 255);
}
