using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Models;

namespace StyleGallery.Web.Services;

/// <summary>
/// Installs, in the background at start, the catalogue's models that the local mirror holds (a copy, no
/// network), so the first click never waits; everything else is installed on first use. A model that cannot
/// be installed is logged and simply stays out of the gallery.
/// </summary>
public sealed class ModelBootstrapper(StyleGalleryEngine engine, StyleGalleryWebOptions options, ILogger<ModelBootstrapper> logger) : BackgroundService
{
    /// <summary>Raised after each model that became installed, so pages can refresh their list.</summary>
    public event Action? ModelInstalled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.InstallModelsOnStart) return;
        foreach (var model in engine.Catalog.Models.Where(m => !engine.Models.IsInstalled(m.Id) && engine.Models.IsMirrored(m.Id)))
        {
            try
            {
                await engine.Models.InstallAsync(model.Id, null, stoppingToken);
                logger.LogInformation("Installed model {Model}", model.Id);
                ModelInstalled?.Invoke();
            }
            catch (ModelInstallException e)
            {
                logger.LogWarning("Model {Model} is not available: {Reason}", model.Id, e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
