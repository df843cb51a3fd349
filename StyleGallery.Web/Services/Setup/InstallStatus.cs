namespace StyleGallery.Web.Services.Setup;

/// <summary>An immutable snapshot of the first-start install: every model it took on, and whether it is still at work.</summary>
public sealed record InstallStatus(IReadOnlyList<ModelSetupState> Models, bool IsRunning)
{
    /// <summary>Nothing to install, nothing going on: the state of a host that installs nothing at start.</summary>
    public static InstallStatus Idle { get; } = new([], false);

    public bool HasFailures => Models.Any(m => m.Phase == ModelSetupPhase.Failed);

    /// <summary>The setup view shows while models are still arriving or one of them could not be installed.</summary>
    public bool NeedsAttention => IsRunning || HasFailures;
}
