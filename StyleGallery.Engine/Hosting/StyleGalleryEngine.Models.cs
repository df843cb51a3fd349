using StyleGallery.Engine.Client;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Hosting;

/// <summary>The styles-and-models half of the contract.</summary>
public sealed partial class StyleGalleryEngine
{
    public bool IsStyleIdTaken(string styleId) => Catalog.Contains(styleId) || UserStyles.Contains(styleId);

    public async Task<string?> PaintingFileAsync(string styleId, bool install, CancellationToken ct = default)
    {
        if (!Catalog.Contains(styleId)) return TrainedPainting(styleId);
        if (install && PaintingIdOf(styleId) is { } painting && CanInstallPainting(styleId)) await EnsureInstalledAsync(painting, null, ct);
        return PaintingPathOf(styleId);
    }

    private string? TrainedPainting(string styleId)
    {
        try { return UserStyles.PaintingPathOf(styleId); }
        catch (Training.InvalidUserStyleException) { return null; } // not an id any style could have
    }

    public bool CanInstallPainting(string styleId) =>
        PaintingIdOf(styleId) is { } painting && (Models.IsInstalled(painting) || Models.IsMirrored(painting) || Models.IsDownloadable(painting));

    public IReadOnlyList<ModelState> ModelStates() =>
        Catalog.Models.Select(m => new ModelState(m, Models.IsInstalled(m.Id), Models.IsMirrored(m.Id), Models.IsDownloadable(m.Id))).ToList();

    public Task InstallModelAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default) =>
        EnsureInstalledAsync(modelId, progress, ct);

    public string? WhyVideoUnavailable()
    {
        try
        {
            FfmpegTools.Locate(Settings.FfmpegDirectory);
            return null;
        }
        catch (VideoException e)
        {
            return e.Message;
        }
    }

    public VideoInfo ProbeVideo(string path) => VideoProbe.Probe(FfmpegTools.Locate(Settings.FfmpegDirectory), path);
}
