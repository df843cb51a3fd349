using StyleGallery.Web.Services.Video;

namespace StyleGallery.Web.Extensions;

/// <summary><c>/videos/{id}.mp4</c>: a painted video, with range requests so players can seek.</summary>
public static class VideoEndpoints
{
    public static WebApplication MapVideoEndpoints(this WebApplication app)
    {
        app.MapGet("/videos/{name}", (string name, VideoJobs videos) =>
            name.EndsWith(".mp4", StringComparison.Ordinal) && videos.Find(name[..^".mp4".Length]) is { } path
                ? Results.File(path, "video/mp4", enableRangeProcessing: true)
                : Results.NotFound());
        return app;
    }
}
