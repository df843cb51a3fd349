using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace StyleGallery.Tests.Web;

/// <summary>
/// A bunit context with MudBlazor's services and loose JS interop (MudBlazor calls JS we don't assert on).
/// Disposed asynchronously first: some MudBlazor services are only IAsyncDisposable.
/// </summary>
public abstract class BunitPage : BunitContext, IAsyncLifetime
{
    protected BunitPage()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
