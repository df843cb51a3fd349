using Bunit;
using MudBlazor;
using StyleGallery.Web.Components.Studio;

namespace StyleGallery.Tests.Web;

public sealed class PrintSizeSelectTests : BunitPage
{
    private static readonly int[] Sizes = [2048, 4096, 8192];

    private IRenderedComponent<PrintSizeSelect> RenderFor(int? width, int? height, int? value = null, Action<int?>? changed = null) =>
        Render<PrintSizeSelect>(p => p
            .Add(c => c.PhotoWidth, width)
            .Add(c => c.PhotoHeight, height)
            .Add(c => c.Sizes, Sizes)
            .Add(c => c.ScreenSide, 1024)
            .Add(c => c.Value, value)
            .Add(c => c.ValueChanged, v => changed?.Invoke(v)));

    private static List<int?> Offered(IRenderedComponent<PrintSizeSelect> select) =>
        select.FindComponents<MudSelectItem<int?>>().Select(i => i.Instance.Value).ToList();

    [Fact]
    public void Offers_the_screen_the_sizes_below_the_photo_and_the_photos_own_size()
    {
        var select = RenderFor(6000, 4000);

        Assert.Equal([null, 2048, 4096, 6000], Offered(select));
        Assert.Equal(["Screen (1024 px)", "2048 px", "4096 px", "The photo's own size (6000 × 4000)"], PrintSize.For(6000, 4000, Sizes, 1024).Select(c => c.Label));
        Assert.False(select.FindComponent<MudSelect<int?>>().Instance.Disabled);
    }

    [Fact]
    public void A_photo_beyond_the_engines_limit_is_offered_the_listed_sizes_but_not_its_own()
    {
        var select = RenderFor(20_000, 12_000); // 240 MP, 20000 px a side: past 100 MP and 16384 px

        Assert.Equal([null, 2048, 4096, 8192], Offered(select));
    }

    [Fact]
    public void Without_a_photo_or_with_one_no_larger_than_the_screen_only_the_screen_is_offered()
    {
        var none = RenderFor(null, null);
        var small = RenderFor(800, 600);

        Assert.Equal([null], Offered(none));
        Assert.True(none.FindComponent<MudSelect<int?>>().Instance.Disabled);
        Assert.Equal([null], Offered(small));
        Assert.Contains("no larger than the screen size", small.Find("[data-testid=print-size-hint]").TextContent);
    }

    [Fact]
    public void Choosing_a_size_tells_the_page_and_explains_the_long_job()
    {
        int? chosen = null;
        var select = RenderFor(6000, 4000, changed: v => chosen = v);

        select.InvokeAsync(() => select.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(4096));

        Assert.Equal(4096, chosen);
        Assert.Contains("long job", select.Find("[data-testid=print-size-hint]").TextContent);
    }

    [Fact]
    public void A_size_the_new_photo_is_too_small_for_falls_back_to_the_screen()
    {
        var changes = new List<int?>();
        var select = RenderFor(6000, 4000, value: 4096, changed: changes.Add);

        select.Render(p => p.Add(c => c.PhotoWidth, 3000).Add(c => c.PhotoHeight, 2000));

        Assert.Equal([null], changes);
    }
}
