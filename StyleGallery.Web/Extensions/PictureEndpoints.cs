using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// A picture's files by name: <c>/results/{id}.png</c>, <c>{id}.jpg</c> (encoded on request), <c>{id}.content.jpg</c>
/// (the photo it was made from) and <c>{id}.thumb.jpg</c>. One route, split here, because route templates cannot tell
/// <c>{id}.jpg</c> from <c>{id}.content.jpg</c> reliably.
/// </summary>
public static class PictureEndpoints
{
    public static WebApplication MapPictureEndpoints(this WebApplication app)
    {
        app.MapGet("/results/{name}", (string name, ResultStore results) => File(results, name)).CachedFor(PictureCaching.Result);
        return app;
    }

    private static IResult File(ResultStore results, string name)
    {
        var found = name switch
        {
            _ when name.EndsWith(".thumb.jpg", StringComparison.Ordinal) => Path(results.Thumbnail(IdOf(name, ".thumb.jpg"))),
            _ when name.EndsWith(".content.jpg", StringComparison.Ordinal) => Path(results.FindContent(IdOf(name, ".content.jpg"))),
            _ when name.EndsWith(".jpg", StringComparison.Ordinal) => Bytes(results.Jpeg(IdOf(name, ".jpg"))),
            _ when name.EndsWith(".png", StringComparison.Ordinal) => Path(results.Find(IdOf(name, ".png")), EncodedFormat.Png),
            _ => null,
        };
        return found ?? Results.NotFound();
    }

    private static string IdOf(string name, string suffix) => name[..^suffix.Length];

    private static IResult? Path(string? path, EncodedFormat format = EncodedFormat.Jpeg) => path is null ? null : Results.File(path, format.MimeType());

    private static IResult? Bytes(byte[]? jpeg) => jpeg is null ? null : Results.File(jpeg, EncodedFormat.Jpeg.MimeType());
}
