using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Setup;

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
        Services.AddSingleton<IModelSetup>(new FakeModelSetup()); // every page shows the setup view; ready unless a test says otherwise
        Services.AddSingleton(new StyleGalleryWebOptions()); // a page test over a data folder replaces it with that folder's
        Services.AddScoped<PublicLinks>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
