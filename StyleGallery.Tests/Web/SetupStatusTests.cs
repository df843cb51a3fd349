using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Web.Components.Setup;
using StyleGallery.Web.Services.Setup;

namespace StyleGallery.Tests.Web;

public sealed class SetupStatusTests : BunitPage
{
    private readonly FakeModelSetup _setup = new();

    public SetupStatusTests() => Services.AddSingleton<IModelSetup>(_setup);

    [Fact]
    public void Renders_nothing_when_there_is_nothing_to_install()
    {
        var view = Render<SetupStatus>();

        Assert.Empty(view.FindAll("[data-testid=setup-status]"));
    }

    [Fact]
    public void While_installing_each_model_shows_its_phase_bytes_and_percent()
    {
        _setup.Publish(new InstallStatus(
        [
            new ModelSetupState("udnie", "Udnie", ModelSetupPhase.Installed, 6_715_416, 6_715_416),
            new ModelSetupState("vgg19-imagenet", "VGG19", ModelSetupPhase.Installing, 20 * 1024 * 1024, 80 * 1024 * 1024),
            new ModelSetupState("wave", "The Great Wave", ModelSetupPhase.Waiting),
        ], IsRunning: true));

        var view = Render<SetupStatus>();

        var rows = view.FindAll("[data-testid=setup-model]");
        Assert.Equal(["Installed", "Installing", "Waiting"], rows.Select(r => r.GetAttribute("data-phase")));
        Assert.Contains("20.0 of 80.0 MB · 25 %", rows[1].TextContent);
        Assert.Contains("ready", rows[0].TextContent);
        Assert.Contains("Setting up the models", view.Markup);
        Assert.Empty(view.FindAll("[data-testid=setup-retry]"));
    }

    [Fact]
    public void Updates_live_and_disappears_when_the_install_is_done()
    {
        _setup.Publish(new InstallStatus([new ModelSetupState("udnie", "Udnie", ModelSetupPhase.Installing, 0, 100)], IsRunning: true));
        var installed = 0;
        var view = Render<SetupStatus>(p => p.Add(c => c.OnInstalled, () => installed++));

        _setup.Publish(new InstallStatus([new ModelSetupState("udnie", "Udnie", ModelSetupPhase.Installing, 50, 100)], IsRunning: true));
        view.WaitForAssertion(() => Assert.Contains("50 %", view.Find("[data-testid=setup-model]").TextContent));

        _setup.Publish(new InstallStatus([new ModelSetupState("udnie", "Udnie", ModelSetupPhase.Installed, 100, 100)], IsRunning: false));
        view.WaitForAssertion(() => Assert.Empty(view.FindAll("[data-testid=setup-status]")));
        Assert.Equal(1, installed);
    }

    [Fact]
    public void A_failed_model_shows_the_reason_and_retry_asks_for_another_try()
    {
        _setup.Publish(new InstallStatus(
        [
            new ModelSetupState("udnie", "Udnie", ModelSetupPhase.Installed, 100, 100),
            new ModelSetupState("wave", "The Great Wave", ModelSetupPhase.Failed, Error: "Could not install model 'wave': the mirror has no good copy."),
        ], IsRunning: false));
        var view = Render<SetupStatus>();

        view.Find("[data-testid=setup-retry]").Click();

        Assert.Equal("Could not install model 'wave': the mirror has no good copy.", view.Find("[data-testid=setup-error]").TextContent.Trim());
        Assert.Contains("Some models could not be installed", view.Markup);
        Assert.Equal(1, _setup.Retries);
    }

    [Fact]
    public void Disposing_the_view_unsubscribes()
    {
        var view = Render<SetupStatus>();
        Assert.Equal(1, _setup.Subscribers);

        view.Instance.Dispose();

        Assert.Equal(0, _setup.Subscribers);
    }
}
