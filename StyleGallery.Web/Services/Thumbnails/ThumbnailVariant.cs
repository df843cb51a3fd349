using System.Globalization;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services.Thumbnails;

/// <summary>
/// One file of a picture's thumbnails: a shape, one of its widths and a format, named <c>card-240.webp</c>. Only these
/// names are ever made, so a URL cannot ask the server to make (and keep) a thumbnail of any other size.
/// </summary>
public sealed record ThumbnailVariant(ThumbnailShape Shape, int Width, EncodedFormat Format)
{
    /// <summary>WebP for every browser of today; JPEG for the rest (a <c>&lt;picture&gt;</c> offers both).</summary>
    public static IReadOnlyList<EncodedFormat> Formats { get; } = [EncodedFormat.Webp, EncodedFormat.Jpeg];

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Shape.Name}-{Width}{Format.Extension()}");

    /// <summary>Every file of one shape: each width in each format.</summary>
    public static IEnumerable<ThumbnailVariant> Of(ThumbnailShape shape) =>
        from width in shape.Widths from format in Formats select new ThumbnailVariant(shape, width, format);

    public static IEnumerable<ThumbnailVariant> All => ThumbnailShape.All.SelectMany(Of);

    /// <summary>The variant a file name names, or null for any name that is not one of <see cref="All"/>.</summary>
    public static ThumbnailVariant? Parse(string fileName) => All.FirstOrDefault(v => v.FileName == fileName);
}
