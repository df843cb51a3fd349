using StyleGallery.Engine.Models;

namespace StyleGallery.Engine.Client;

/// <summary>A catalogue model and whether it is installed where the engine runs.</summary>
public sealed record ModelState(ModelEntry Model, bool IsInstalled, bool IsMirrored, bool IsDownloadable);
