using StyleGallery.Web.Services.Setup;

namespace StyleGallery.Tests.Web;

/// <summary>A first-start install the test drives by hand: ready (nothing to install) until told otherwise.</summary>
public sealed class FakeModelSetup : IModelSetup
{
    public InstallStatus Status { get; private set; } = InstallStatus.Idle;

    public int Retries { get; private set; }

    public int Subscribers => Changed?.GetInvocationList().Length ?? 0;

    public event Action? Changed;

    public void Publish(InstallStatus status)
    {
        Status = status;
        Changed?.Invoke();
    }

    public Task RetryAsync()
    {
        Retries++;
        return Task.CompletedTask;
    }
}
