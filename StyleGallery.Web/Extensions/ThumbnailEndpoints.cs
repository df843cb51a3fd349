using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Thumbnails under their picture's URL: <c>/paintings/{styleId}/card-240.webp</c> and
/// <c>/samples/{name}/small-120.jpg</c> (a result's are beside its files, <see cref="PictureEndpoints"/>), cached as the
/// picture they show. Only the variants the pages use exist (<see cref="ThumbnailVariant"/>); any other name is a 404.
/// </summary>
public static class ThumbnailEndpoints
{
    public static WebApplication MapThumbnailEndpoints(this WebApplication app)
    {
        app.MapGet("/paintings/{styleId}/{file}", (string styleId, string file, PaintingThumbnails thumbnails, HttpResponse response, CancellationToken ct) =>
            ThumbnailAnswer.FileAsync(ThumbnailVariant.Parse(file), variant => thumbnails.FindAsync(styleId, variant, ct), response))
            .CachedFor(PictureCaching.Painting);
        app.MapGet("/samples/{name}/{file}", (string name, string file, SampleThumbnails thumbnails, HttpResponse response, CancellationToken ct) =>
            ThumbnailAnswer.FileAsync(ThumbnailVariant.Parse(file), variant => thumbnails.FindAsync(name, variant, ct), response))
            .CachedFor(PictureCaching.Sample);
        return app;
    }
}
