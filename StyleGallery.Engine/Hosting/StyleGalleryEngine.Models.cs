using StyleGallery.Engine.Client;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Hosting;

/// <summary>The styles-and-models half of the contract, answered by the engine's <see cref="StyleCatalogue"/>.</summary>
public sealed partial class StyleGalleryEngine
{
    public bool IsStyleIdTaken(string styleId) => Catalogue.IsStyleIdTaken(styleId);

    public Task<bool> DeleteTrainedStyleAsync(string styleId, CancellationToken ct = default)
    {
        var deleted = Catalogue.DeleteTrainedStyle(styleId);
        if (deleted) ForgetTrainedNetwork(styleId);
        return Task.FromResult(deleted);
    }

    /// <summary>
    /// Lets go of the networks loaded from a trained style's file (a worker is told when a web node deleted the
    /// style); a catalogue id is left alone.
    /// </summary>
    public void ForgetTrainedNetwork(string styleId)
    {
        if (!Catalog.Contains(styleId)) _fast.Forget(styleId);
    }

    /// <summary>How many fast networks are loaded now (for tests).</summary>
    internal int LoadedFastNetworks => _fast.LoadedNetworks;

    public Task<string?> PaintingFileAsync(string styleId, bool install, CancellationToken ct = default) =>
        Catalogue.PaintingFileAsync(styleId, install, ct);

    public bool CanInstallPainting(string styleId) => Catalogue.CanInstallPainting(styleId);

    public IReadOnlyList<ModelState> ModelStates() => Catalogue.ModelStates();

    public Task InstallModelAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default) =>
        Catalogue.EnsureInstalledAsync(modelId, progress, ct);

    public string? WhyVideoUnavailable() => Catalogue.WhyVideoUnavailable();

    public VideoInfo ProbeVideo(string path) => Catalogue.ProbeVideo(path);
}
