using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StyleGallery.Engine.Fast;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web.Data;

/// <summary>
/// Issue 24, point 9: a trained style has its trainer as owner: private to that browser until published, deletable by
/// it alone (the server checks, whatever the page asks); one trained before owners were recorded stays public.
/// </summary>
public sealed class TrainedStyleOwnersTests : DataPage
{
    private const string Someone = "someone-else-token-000";

    private TrainedStyleService Trained => Services.GetRequiredService<TrainedStyleService>();

    private static readonly FastStyleInfo Catalogue = new("udnie", "Udnie", null, null, "Research use only", FastStyleOrigin.Catalogue, true);

    private async Task<IReadOnlyList<FastStyleInfo>> TrainAsync()
    {
        await Trained.RecordLaunchAsync("mine", "Mine", Me);
        await Trained.RecordLaunchAsync("theirs", "Theirs", Someone);
        Engine.Trained.UnionWith(["mine", "theirs", "from-before"]);
        return [Catalogue, .. Engine.Client.FastStyles()];
    }

    private List<string> Visible(IReadOnlyList<FastStyleInfo> styles, string? owner) =>
        Trained.VisibleTo(styles, owner).Select(s => s.Style.Id).ToList();

    [Fact]
    public async Task A_live_version_of_a_catalogue_style_is_everyones_and_one_of_a_private_style_stays_its_makers()
    {
        await Trained.RecordLaunchAsync("mine", "Mine", Me);
        await Trained.RecordLaunchAsync("udnie-lite", "Udnie (lite)", Me);
        await Trained.RecordLaunchAsync("mine-lite", "Mine (lite)", Me);
        IReadOnlyList<FastStyleInfo> styles =
        [
            Catalogue,
            new("udnie-lite", "Udnie (lite)", null, null, "Research use only", FastStyleOrigin.User, true, TeacherId: "udnie"),
            new("mine", "Mine", null, null, "—", FastStyleOrigin.User, true),
            new("mine-lite", "Mine (lite)", null, null, "—", FastStyleOrigin.User, true, TeacherId: "mine"),
        ];

        Assert.Equal(["udnie", "udnie-lite"], Visible(styles, Someone));
        Assert.Equal(["udnie", "udnie-lite"], Visible(styles, null));
        Assert.True(Trained.VisibleTo(styles, Someone).Single(s => s.Style.Id == "udnie-lite").Published);
        Assert.Equal(["udnie", "udnie-lite", "mine", "mine-lite"], Visible(styles, Me));
        Assert.False(Trained.VisibleTo(styles, Me).Single(s => s.Style.Id == "mine-lite").Published);
    }

    [Fact]
    public async Task A_trained_style_is_seen_by_its_trainer_only_until_published_and_one_without_owner_by_everyone()
    {
        var styles = await TrainAsync();

        Assert.Equal(["udnie", "mine", "from-before"], Visible(styles, Me));
        Assert.Equal(["udnie", "theirs", "from-before"], Visible(styles, Someone));
        Assert.Equal(["udnie", "from-before"], Visible(styles, null));

        Assert.False(await Trained.SetPublishedAsync("mine", Someone, published: true));
        Assert.False(await Trained.SetPublishedAsync("mine", null, published: true));
        Assert.Equal(["udnie", "from-before"], Visible(styles, null));

        Assert.True(await Trained.SetPublishedAsync("mine", Me, published: true));
        Assert.Equal(["udnie", "mine", "theirs", "from-before"], Visible(styles, Someone));
        Assert.Equal(["udnie", "mine", "from-before"], Visible(styles, null));
        Assert.True(Trained.VisibleTo(styles, null).Single(s => s.Style.Id == "mine").Published);
    }

    [Fact]
    public async Task Only_the_trainer_can_delete_a_trained_style_and_nobody_one_without_owner()
    {
        await TrainAsync();

        Assert.False(await Trained.DeleteAsync("mine", Someone));
        Assert.False(await Trained.DeleteAsync("mine", null));
        Assert.False(await Trained.DeleteAsync("from-before", Me));
        Assert.False(await Trained.DeleteAsync("udnie", Me));
        Assert.Empty(Engine.Deleted);
        Assert.NotNull(await Data.TrainedStyles.FindAsync("mine"));

        Assert.True(await Trained.DeleteAsync("mine", Me));

        Assert.Equal(["mine"], Engine.Deleted);
        Assert.DoesNotContain("mine", Engine.Trained);
        Assert.Null(await Data.TrainedStyles.FindAsync("mine"));
        Assert.NotNull(await Data.TrainedStyles.FindAsync("theirs"));
    }

    [Fact]
    public async Task The_trainer_deletes_its_style_from_my_pictures_after_confirming()
    {
        await TrainAsync();
        await Trained.RecordLaunchAsync("still-training", "Still training", Me); // no network yet: nothing to manage
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MinePage>();

        page.WaitForAssertion(() => Assert.Equal(["mine"], page.FindAll("[data-testid=my-trained-style]").Select(c => c.GetAttribute("data-id"))));
        page.Find("[data-testid=delete-trained-style]").Click();
        dialogs.WaitForElement(".mud-message-box__yes-button").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=my-trained-style]")));
        Assert.Equal(["mine"], Engine.Deleted);
        Assert.Null(await Data.TrainedStyles.FindAsync("mine"));
    }

    [Fact]
    public async Task The_trainer_publishes_its_style_from_my_pictures()
    {
        var styles = await TrainAsync();
        var page = Render<MinePage>();

        page.WaitForElement("input[data-testid=publish-trained-style]").Change(true);

        page.WaitForAssertion(() => Assert.Contains("mine", Visible(styles, Someone)));
    }
}
