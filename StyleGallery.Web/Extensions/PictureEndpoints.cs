using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// A picture's files by name: <c>/results/{id}.png</c>, <c>{id}.jpg</c> (encoded on request), <c>{id}.content.jpg</c>
/// (the photo it was made from) and the thumbnails of both, <c>{id}.thumb-card-240.webp</c> and
/// <c>{id}.content.thumb-small-120.jpg</c>, and <c>{id}.view.webp</c> (the picture for the share page). One route, split
/// here, because route templates cannot tell <c>{id}.jpg</c> from <c>{id}.content.jpg</c> reliably.
/// </summary>
public static class PictureEndpoints
{
    private const string Thumbnail = ".thumb-";
    private const string Content = ".content";
    private const string View = ".view.webp";

    public static WebApplication MapPictureEndpoints(this WebApplication app)
    {
        app.MapGet("/results/{name}", (string name, ResultStore results, HttpResponse response, CancellationToken ct) => FileAsync(results, name, response, ct))
            .CachedFor(PictureCaching.Result);
        return app;
    }

    private static async Task<IResult> FileAsync(ResultStore results, string name, HttpResponse response, CancellationToken ct)
    {
        if (name.LastIndexOf(Thumbnail, StringComparison.Ordinal) is var at and >= 0)
            return await ThumbnailAsync(results, name[..at], ThumbnailVariant.Parse(name[(at + Thumbnail.Length)..]), response, ct);
        if (name.EndsWith(View, StringComparison.Ordinal))
            return await ThumbnailAnswer.FileAsync(() => results.ViewAsync(IdOf(name, View), ct), EncodedFormat.Webp, response);
        var found = name switch
        {
            _ when name.EndsWith(".content.jpg", StringComparison.Ordinal) => Path(results.FindContent(IdOf(name, ".content.jpg"))),
            _ when name.EndsWith(".jpg", StringComparison.Ordinal) => Bytes(results.Jpeg(IdOf(name, ".jpg"))),
            _ when name.EndsWith(".png", StringComparison.Ordinal) => Path(results.Find(IdOf(name, ".png")), EncodedFormat.Png),
            _ => null,
        };
        return found ?? Results.NotFound();
    }

    /// <summary>The stem is <c>{id}</c> (the picture's) or <c>{id}.content</c> (its photo's).</summary>
    private static Task<IResult> ThumbnailAsync(ResultStore results, string stem, ThumbnailVariant? variant, HttpResponse response, CancellationToken ct) =>
        ThumbnailAnswer.FileAsync(variant, v => stem.EndsWith(Content, StringComparison.Ordinal)
            ? results.ContentThumbnailAsync(stem[..^Content.Length], v, ct)
            : results.ThumbnailAsync(stem, v, ct), response);

    private static string IdOf(string name, string suffix) => name[..^suffix.Length];

    private static IResult? Path(string? path, EncodedFormat format = EncodedFormat.Jpeg) => path is null ? null : Results.File(path, format.MimeType());

    private static IResult? Bytes(byte[]? jpeg) => jpeg is null ? null : Results.File(jpeg, EncodedFormat.Jpeg.MimeType());
}
