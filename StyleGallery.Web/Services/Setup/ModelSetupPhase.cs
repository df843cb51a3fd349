namespace StyleGallery.Web.Services.Setup;

/// <summary>Where one model stands in the first-start install.</summary>
public enum ModelSetupPhase
{
    Waiting,
    Installing,
    Installed,
    Failed,
}
