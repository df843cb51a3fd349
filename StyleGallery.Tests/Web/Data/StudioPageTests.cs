using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;

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

    /// <summary>
    /// A reload of <c>/studio?print=</c> (or the link opened elsewhere): the browser that started the print gets Cancel
    /// while it runs and the download once done, as on the page that started it; another browser only watches.
    /// </summary>
    [Theory]
    [InlineData(Me, true)]
    [InlineData("stranger-token-0000000", false)]
    public void A_print_link_gives_cancel_and_the_download_only_to_the_browser_that_started_it(string startedBy, bool mine)
    {
        const string id = "print-7";
        Prints.Owners[id] = startedBy;
        var notifications = new FakeJobNotifications { Now = PrintUpdate(id, JobStatus.Running, "Painting tile 2 of 8") };
        Services.AddSingleton<IJobNotifications>(notifications);

        var page = RenderAt($"/studio?print={id}&style=udnie");
        Assert.Equal("Painting tile 2 of 8", page.Find("[data-testid=print-status]").TextContent.Trim());
        Assert.Equal(mine, page.FindAll("[data-testid=print-cancel]").Count == 1);
        Prints.Finished.Add(id);
        page.InvokeAsync(() => notifications.Push(PrintUpdate(id, JobStatus.Succeeded, "Done")));

        page.WaitForAssertion(() => Assert.Equal("Your print is ready", page.Find("[data-testid=print-status]").TextContent.Trim()));
        Assert.Equal(mine, page.FindAll("[data-testid=print-download]").Count == 1);
        Assert.Empty(page.FindAll("[data-testid=print-cancel]"));
    }

    private static JobUpdate PrintUpdate(string id, JobStatus status, string message) =>
        new(id, JobKind.Print, status, null, status == JobStatus.Succeeded ? 10 : 3, 10, 12, null, null, null, status == JobStatus.Succeeded ? 1 : 0, null, Message: message);

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
