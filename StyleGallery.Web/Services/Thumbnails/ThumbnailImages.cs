using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services.Thumbnails;

/// <summary>The pixels and bytes of thumbnails: a picture cropped to its shape, shrunk to a width, encoded small.</summary>
public static class ThumbnailImages
{
    /// <summary>
    /// libwebp's and libjpeg's own default. Measured on the catalogue's paintings, 80 made the 480-px WebP files 15 to 25 %
    /// larger for a difference no one sees in a card.
    /// </summary>
    public const int Quality = 75;

    /// <summary>
    /// A page that shows a picture large (the share page) gets it in WebP at this quality: a painted 512-px picture is
    /// about 400 KB as PNG and a fifth of that here, and on a phone's slow line it is the page's largest paint.
    /// Higher than a thumbnail's, since this is the picture itself; the PNG stays the download.
    /// </summary>
    public const int ViewQuality = 90;

    /// <summary>A view is the picture at its own size up to this longer side: enough for a 1024-px column on a 2× screen.</summary>
    public const int ViewMaxSide = 2048;

    /// <summary>
    /// The centre of <paramref name="picture"/> no taller than its shape allows, <paramref name="width"/> pixels wide, or
    /// as wide as the picture when it is narrower: a thumbnail is never larger than what it was made from.
    /// </summary>
    public static RgbImage Make(RgbImage picture, ThumbnailShape shape, int width)
    {
        var cropped = CroppedToShape(picture, shape);
        if (cropped.Width <= width) return cropped;
        var height = Math.Max(1, (int)Math.Round((double)cropped.Height * width / cropped.Width));
        return ImageResizer.Resize(cropped, width, height);
    }

    public static byte[] Encode(RgbImage thumbnail, EncodedFormat format) => ImageEncoder.Encode(thumbnail, format, Quality);

    /// <summary>The view of a picture: WebP at <see cref="ViewQuality"/>, never larger than <see cref="ViewMaxSide"/>.</summary>
    public static byte[] View(RgbImage picture) => ImageEncoder.Encode(ImageResizer.FitWithin(picture, ViewMaxSide), EncodedFormat.Webp, ViewQuality);

    /// <summary>
    /// The picture in <paramref name="path"/>, decoded within <see cref="ImageLimits.Default"/> and the shared decode
    /// budget (as every picture the app reads) and straight to the size the widest thumbnail of <paramref name="shape"/>
    /// needs: a 1600-px painting is never held whole to make a 480-px thumbnail.
    /// </summary>
    /// <exception cref="ImageDecodeException">The file is no picture, or one beyond the limits.</exception>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public static RgbImage Decode(string path, ThumbnailShape shape)
    {
        var data = ReadWithinLimits(path);
        return ImageDecoder.DecodeToFit(data, DecodeSide(ImageDecoder.Probe(data), shape.Widths.Max()), ImageLimits.Default);
    }

    /// <summary>The picture in <paramref name="path"/> for its <see cref="View"/>, decoded as <see cref="Decode"/> does.</summary>
    /// <exception cref="ImageDecodeException">The file is no picture, or one beyond the limits.</exception>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public static RgbImage DecodeForView(string path)
    {
        var data = ReadWithinLimits(path);
        var header = ImageDecoder.Probe(data);
        return ImageDecoder.DecodeToFit(data, Math.Min(ViewMaxSide, Math.Max(header.UprightWidth, header.UprightHeight)), ImageLimits.Default);
    }

    private static byte[] ReadWithinLimits(string path)
    {
        var limits = ImageLimits.Default;
        using var file = File.OpenRead(path);
        if (file.Length > limits.MaxBytes) throw new ImageDecodeException(ImageDecodeFailure.TooLarge, $"'{Path.GetFileName(path)}' is larger than {limits.MaxBytes} bytes.");
        var data = new byte[file.Length];
        file.ReadExactly(data);
        return data;
    }

    /// <summary>The longer side at which the upright picture is at least <paramref name="width"/> wide (its own, when narrower).</summary>
    internal static int DecodeSide(ImageHeader header, int width)
    {
        var longer = Math.Max(header.UprightWidth, header.UprightHeight);
        if (header.UprightWidth <= width) return longer;
        return (int)Math.Ceiling((double)longer * width / header.UprightWidth);
    }

    private static RgbImage CroppedToShape(RgbImage picture, ThumbnailShape shape)
    {
        var maxHeight = Math.Max(1, (int)Math.Round(picture.Width * shape.MaxHeightPerWidth));
        return picture.Height <= maxHeight ? picture : picture.Crop(0, (picture.Height - maxHeight) / 2, picture.Width, maxHeight);
    }
}
