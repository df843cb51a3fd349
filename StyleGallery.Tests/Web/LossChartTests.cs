using Bunit;
using StyleGallery.Web.Components.Studio;

namespace StyleGallery.Tests.Web;

public sealed class LossChartTests : BunitPage
{
    [Fact]
    public void Losses_are_plotted_on_a_log_scale_from_the_top_down()
    {
        // Totals 1000, 100, 10 are equally spaced in log10, the plot's extremes are 1000 (top) and 1 (bottom).
        LossSample[] samples = [new(1, 1000, 1, 10), new(2, 100, 1, 10), new(4, 10, 1, 10)];

        var chart = Render<LossChart>(p => p.Add(c => c.Samples, samples));

        var total = chart.Find("polyline.total").GetAttribute("points");
        Assert.Equal("150,0 300,60 600,120", total);
        Assert.Equal("150,180 300,180 600,180", chart.Find("polyline.content").GetAttribute("points"));
    }

    [Fact]
    public void Zero_losses_are_left_out_and_the_label_reports_the_latest_total()
    {
        LossSample[] samples = [new(1, 100, 0, 10), new(2, 10, 0, 1)];

        var chart = Render<LossChart>(p => p.Add(c => c.Samples, samples));

        Assert.Equal("", chart.Find("polyline.content").GetAttribute("points"));
        Assert.Contains("total loss now 10", chart.Find("svg").GetAttribute("aria-label"));
    }
}
