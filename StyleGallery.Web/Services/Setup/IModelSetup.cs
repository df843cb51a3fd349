namespace StyleGallery.Web.Services.Setup;

/// <summary>The first-start model install as pages see it: a snapshot, a change signal, and a second try for failures.</summary>
public interface IModelSetup
{
    InstallStatus Status { get; }

    /// <summary>Raised (on a background thread) whenever <see cref="Status"/> changed.</summary>
    event Action? Changed;

    /// <summary>Installs the models that failed again; returns when that attempt is over.</summary>
    Task RetryAsync();
}
