using Bunit;
using StyleGallery.Engine.Gatys;
using StyleGallery.Web.Components.Studio;

namespace StyleGallery.Tests.Web;

public sealed class OptimisePanelTests : BunitPage
{
    [Fact]
    public void Defaults_have_no_problems_and_start_small()
    {
        var settings = new OptimiseSettings();

        var panel = Render<OptimisePanel>(p => p.Add(c => c.Settings, settings));

        Assert.Empty(panel.FindAll("[data-testid=option-problem]"));
        Assert.Equal((256, 100, GatysInit.Content), (settings.Options.MaxSide, settings.Options.Iterations, settings.Options.Init));
    }

    [Fact]
    public void A_size_below_the_minimum_shows_the_validators_message()
    {
        var settings = new OptimiseSettings();
        var panel = Render<OptimisePanel>(p => p.Add(c => c.Settings, settings));

        panel.Find("[data-testid=max-side] input").Change("8");

        Assert.Equal(8, settings.Options.MaxSide);
        Assert.Contains("MaxSide must be between 32 and 4096 pixels (got 8).", panel.Find("[data-testid=option-problem]").TextContent);
    }

    [Fact]
    public void A_preset_sets_its_network_and_layers_but_keeps_the_size()
    {
        var settings = new OptimiseSettings();

        settings.ApplyPreset("johnson");

        Assert.Equal(GatysPresets.Johnson.StyleLayers, settings.Options.StyleLayers);
        Assert.Equal(256, settings.Options.MaxSide);
    }
}
