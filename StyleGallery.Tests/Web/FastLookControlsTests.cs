using Bunit;
using StyleGallery.Engine.Fast;
using StyleGallery.Web.Components.Studio;

namespace StyleGallery.Tests.Web;

public sealed class FastLookControlsTests : BunitPage
{
    [Fact]
    public void Shows_the_strength_as_a_percentage_and_the_colours_choice()
    {
        var controls = Render<FastLookControls>(p => p
            .Add(c => c.Look, new FastStyleOptions { Strength = 0.45, PreserveColors = true })
            .Add(c => c.ColoursLabel, "Keep the camera's colours"));

        Assert.Equal("45 %", controls.Find("[data-testid=style-strength-value]").TextContent.Trim());
        Assert.Equal("45", controls.Find("input[type=range]").GetAttribute("value"));
        Assert.Contains("Keep the camera's colours", controls.Markup);
        Assert.True(controls.Find("input[type=checkbox]").HasAttribute("checked"));
    }

    [Fact]
    public void Moving_the_slider_changes_only_the_strength()
    {
        FastStyleOptions? changed = null;
        var look = new FastStyleOptions { PreserveColors = true, MaxSide = 300 };
        var controls = Render<FastLookControls>(p => p.Add(c => c.Look, look).Add(c => c.LookChanged, l => changed = l));

        controls.Find("input[type=range]").Change("70");

        Assert.Equal(look with { Strength = 0.7 }, changed);
    }

    [Fact]
    public void The_switch_changes_only_the_colours()
    {
        FastStyleOptions? changed = null;
        var look = new FastStyleOptions { Strength = 0.5 };
        var controls = Render<FastLookControls>(p => p.Add(c => c.Look, look).Add(c => c.LookChanged, l => changed = l));

        controls.Find("input[type=checkbox]").Change(true);

        Assert.Equal(look with { PreserveColors = true }, changed);
    }

    [Fact]
    public void Disabled_turns_both_controls_off()
    {
        var controls = Render<FastLookControls>(p => p.Add(c => c.Look, new FastStyleOptions()).Add(c => c.Disabled, true));

        Assert.True(controls.Find("input[type=range]").HasAttribute("disabled"));
        Assert.True(controls.Find("input[type=checkbox]").HasAttribute("disabled"));
    }
}
