using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web.Data;

/// <summary>The studio with a style that has a fast network and a painting that has none (optimisation only).</summary>
public sealed class StudioPageTests : DataPage
{
    private readonly RecordingQuickStyle _quickStyle = new();

    public StudioPageTests()
    {
        Services.AddSingleton<IStyleLibrary>(new StylesAndAPainting());
        Services.AddSingleton<IQuickStyleService>(_quickStyle);
        Services.AddSingleton<SamplePhotos>();
    }

    [Fact]
    public void A_painting_without_a_fast_network_opens_on_optimise_and_cannot_be_painted_fast()
    {
        var page = RenderAt("/studio?style=painting.starry_night");

        Assert.Equal(1, ActiveTab(page));
        page.FindAll(".mud-tab")[0].Click();
        Assert.Contains("The Starry Night has no fast network yet", page.Find("[data-testid=fast-no-network]").TextContent);
        Assert.True(page.Find("[data-testid=fast-start]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_fast_style_opens_on_fast_with_its_button_ready()
    {
        var page = RenderAt("/studio?style=udnie");

        Assert.Equal(0, ActiveTab(page));
        Assert.Empty(page.FindAll("[data-testid=fast-no-network]"));
        Assert.False(page.Find("[data-testid=fast-start]").HasAttribute("disabled"));
    }

    [Fact]
    public void Fast_paints_with_the_chosen_look_and_a_new_strength_repaints_the_picture()
    {
        var page = RenderAt("/studio?style=udnie");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([9, 8, 7], "cat.jpg", contentType: "image/jpeg"));
        page.Find("[data-testid=fast-look] input[type=checkbox]").Change(true);

        page.Find("[data-testid=fast-start]").Click();
        page.WaitForElement("[data-testid=fast-result]");
        page.Find("[data-testid=fast-look] input[type=range]").Change("55");

        page.WaitForAssertion(() => Assert.Equal(2, _quickStyle.Looks.Count));
        Assert.Equal([(true, 1.0), (true, 0.55)], _quickStyle.Looks.Select(l => (l.PreserveColors, l.Strength)));
    }

    [Fact]
    public void A_print_size_starts_a_print_job_instead_of_the_one_click_picture()
    {
        var page = RenderAt("/studio?style=udnie");
        var photo = ImageEncoder.Encode(TestImages.Gradient(3000, 2000), EncodedFormat.Png);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(photo, "big.png", contentType: "image/png"));
        page.WaitForState(() => page.FindComponents<MudSelectItem<int?>>().Count > 1);
        Assert.Equal([null, 2048, 3000], page.FindComponents<MudSelectItem<int?>>().Select(i => i.Instance.Value));

        page.InvokeAsync(() => page.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(2048));
        page.WaitForAssertion(() => Assert.Contains("Paint the print", page.Find("[data-testid=fast-start]").TextContent));
        page.Find("[data-testid=fast-start]").Click();

        page.WaitForAssertion(() => Assert.Single(Prints.Started));
        Assert.Equal(("udnie", 2048), (Prints.Started[0].StyleId, Prints.Started[0].LongSide));
        Assert.Empty(_quickStyle.Looks); // no one-click picture
        Assert.Contains("print=print-1", Services.GetRequiredService<NavigationManager>().Uri);
    }

    private static int ActiveTab(IRenderedComponent<StudioPage> page) =>
        page.FindAll(".mud-tab").ToList().FindIndex(tab => tab.ClassList.Contains("mud-tab-active"));

    private IRenderedComponent<StudioPage> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<StudioPage>();
    }

    private sealed class StylesAndAPainting : IStyleLibrary
    {
        public IReadOnlyList<StyleSummary> InstalledStyles() =>
        [
            new("udnie", "Udnie", "Francis Picabia", "1913", "Research use only", true, "/paintings/udnie"),
            new("painting.starry_night", "The Starry Night", "Vincent van Gogh", "1889", "Public domain", false, "/paintings/painting.starry_night"),
        ];
    }

    private sealed class RecordingQuickStyle : IQuickStyleService
    {
        public List<FastStyleOptions> Looks { get; } = [];

        public Task<QuickStyleResult> StylizeAsync(byte[] photo, string styleId, FastStyleOptions look, string? owner, CancellationToken cancellationToken)
        {
            Looks.Add(look);
            return Task.FromResult(new QuickStyleResult($"r{Looks.Count}", $"/results/r{Looks.Count}.png", 64, 48, TimeSpan.FromSeconds(1)));
        }
    }
}
