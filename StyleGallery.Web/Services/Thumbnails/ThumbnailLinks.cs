using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services.Thumbnails;

/// <summary>
/// Where a picture's thumbnails are served: <see cref="Prefix"/> and a variant's file name. A painting's and a sample
/// photo's are under its own URL (<c>/paintings/udnie/card-240.webp</c>); a result's beside its files
/// (<c>/results/{id}.thumb-card-240.webp</c>).
/// </summary>
public sealed record ThumbnailLinks(string Prefix)
{
    public static ThumbnailLinks Under(string pictureUrl) => new(pictureUrl + "/");

    public string Url(ThumbnailVariant variant) => Prefix + variant.FileName;

    public string Url(ThumbnailShape shape, int width, EncodedFormat format) => Url(new ThumbnailVariant(shape, width, format));
}
