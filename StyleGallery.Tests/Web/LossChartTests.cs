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
    public void Each_power_of_ten_in_range_gets_a_grid_line_and_a_label()
    {
        // Losses span 1 … 1000: the decades 1e0 … 1e3 sit at 180, 120, 60 and 0 of the 180-unit plot.
        LossSample[] samples = [new(1, 1000, 1, 10), new(2, 100, 1, 10)];

        var chart = Render<LossChart>(p => p.Add(c => c.Samples, samples));

        Assert.Equal(["180", "120", "60", "0"], chart.FindAll("line.decade").Select(l => l.GetAttribute("y1")));
        Assert.Equal(["1e0", "1e1", "1e2", "1e3"], chart.FindAll(".decade-label").Select(l => l.TextContent));
        Assert.Equal("top: 66.67%", chart.FindAll(".decade-label")[1].GetAttribute("style"));
    }

    [Fact]
    public void A_range_inside_one_decade_has_no_grid_line_and_no_samples_none_at_all()
    {
        var narrow = Render<LossChart>(p => p.Add(c => c.Samples, [new LossSample(1, 300, 200, 250)]));
        var empty = Render<LossChart>(p => p.Add(c => c.Samples, []));

        Assert.Empty(narrow.FindAll("line.decade"));
        Assert.Empty(empty.FindAll("line.decade"));
        Assert.Equal("", empty.Find("polyline.total").GetAttribute("points"));
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
