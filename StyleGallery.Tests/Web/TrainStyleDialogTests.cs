using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StyleGallery.Engine.Training;
using StyleGallery.Web.Components.Gallery;
using StyleGallery.Web.Components.Training;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

/// <summary>The card's "Make this a fast style" button and the dialog it opens.</summary>
public sealed class TrainStyleDialogTests : BunitPage
{
    private static readonly StyleSummary Udnie = new("udnie", "Udnie", "Francis Picabia", "1913", "Research use only", true, null);
    private readonly FakeTrainingLauncher _launcher = new();
    private readonly List<string> _selected = [];

    public TrainStyleDialogTests()
    {
        Services.AddSingleton<ITrainingLauncher>(_launcher);
        Services.AddSingleton(new BrowserOwner { Token = "me" });
    }

    [Fact]
    public void The_cards_button_opens_the_dialog_without_picking_the_style()
    {
        var view = RenderCardWithDialogs();

        view.Find("[data-testid=make-fast]").Click();

        view.WaitForElement(".train-name input");
        Assert.Contains("Make “Udnie” a fast style", view.Markup);
        Assert.Empty(_selected);
    }

    [Theory]
    [InlineData(true, "Train again")]
    [InlineData(false, "Make this a fast style")]
    public void A_style_with_a_fast_network_is_trained_again_and_the_name_starts_with_the_visible_words(bool hasFastNetwork, string label)
    {
        var style = Udnie with { HasFastNetwork = hasFastNetwork };

        var button = Render<MakeFastStyleButton>(p => p.Add(b => b.Style, style)).Find("[data-testid=make-fast]");

        Assert.Equal(label, button.TextContent.Trim());
        Assert.Equal($"{label}: Udnie", button.GetAttribute("aria-label"));
    }

    [Fact]
    public void Without_training_photos_the_button_is_off_and_says_why()
    {
        _launcher.Unavailable = "Training needs a folder of photos.";

        var view = RenderCardWithDialogs();

        Assert.Empty(view.FindAll("[data-testid=make-fast]"));
        var off = view.Find("[data-testid=make-fast-unavailable]");
        Assert.Equal("Training needs a folder of photos.", off.GetAttribute("title"));
        Assert.True(off.QuerySelector("button")!.HasAttribute("disabled"));
    }

    [Fact]
    public void The_suggested_name_is_valid_and_shows_the_id_it_becomes()
    {
        var view = OpenDialog();

        Assert.Equal("My Udnie", view.Find(".train-name input").GetAttribute("value"));
        Assert.Contains("Its id will be “my-udnie”.", view.Markup);
        Assert.False(view.Find("[data-testid=train-start]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("", "Give your style a name.")]
    [InlineData("!!!", "Use at least one letter or digit.")]
    [InlineData("Taken Style", "exists already")]
    public void A_bad_name_is_explained_and_blocks_Start(string name, string expected)
    {
        _launcher.TakenIds.Add("taken-style");
        var view = OpenDialog();

        view.Find(".train-name input").Input(name);

        view.WaitForAssertion(() => Assert.Contains(expected, view.Markup));
        Assert.True(view.Find("[data-testid=train-start]").HasAttribute("disabled"));
        Assert.Empty(_launcher.Started);
    }

    [Fact]
    public void The_quality_choices_are_the_training_options_presets()
    {
        var view = OpenDialog();

        Assert.Contains("Quick (~30 min here: 160 px crops, half width, 1500 steps)", view.Markup);
        Assert.Contains("Full (hours on a CPU: 256 px crops, full width, 2 epochs)", view.Markup);
    }

    [Fact]
    public void Start_queues_the_quick_preset_and_goes_to_the_progress_page()
    {
        var view = OpenDialog();
        view.Find(".train-name input").Input("Mon Étoile");

        view.Find("[data-testid=train-start]").Click();

        view.WaitForAssertion(() => Assert.EndsWith("/train/job7", Services.GetRequiredService<NavigationManager>().Uri));
        var (from, title, options) = Assert.Single(_launcher.Started);
        Assert.Equal(("udnie", "Mon Étoile"), (from, title));
        Assert.Same(TrainingOptions.Quick, options);
        Assert.Equal("me", _launcher.Launched["job7"].Owner);
    }

    [Fact]
    public void A_refusal_from_the_engine_is_shown_in_the_dialog()
    {
        _launcher.Failure = new UserFacingException("The engine is busy; try again in a minute.");
        var view = OpenDialog();

        view.Find("[data-testid=train-start]").Click();

        view.WaitForAssertion(() => Assert.Contains("The engine is busy", view.Find("[data-testid=train-error]").TextContent));
    }

    private IRenderedComponent<MudDialogProvider> OpenDialog()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        provider.InvokeAsync(() => dialogs.ShowAsync<TrainStyleDialog>("Make it fast",
            new DialogParameters<TrainStyleDialog> { { d => d.Style, Udnie } }));
        provider.WaitForElement(".train-name input");
        return provider;
    }

    private IRenderedComponent<IComponent> RenderCardWithDialogs() => Render(builder =>
    {
        builder.OpenComponent<MudDialogProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<StyleCard>(1);
        builder.AddAttribute(2, nameof(StyleCard.Style), Udnie);
        builder.AddAttribute(3, nameof(StyleCard.OnSelect), EventCallback.Factory.Create<StyleSummary>(this, s => _selected.Add(s.Id)));
        builder.AddAttribute(4, nameof(StyleCard.Actions), (RenderFragment)(actions =>
        {
            actions.OpenComponent<MakeFastStyleButton>(0);
            actions.AddAttribute(1, nameof(MakeFastStyleButton.Style), Udnie);
            actions.CloseComponent();
        }));
        builder.CloseComponent();
    });
}
