using StyleGallery.Engine.Fast.Tiling;

namespace StyleGallery.Tests.Fast.Tiling;

public sealed class TilePlanTests
{
    [Theory]
    [InlineData(235, 181, 64)]
    [InlineData(64, 64, 32)]
    [InlineData(1000, 37, 100)]
    [InlineData(8224, 8224, 2048)]
    public void Cores_partition_the_picture_and_every_tile_sits_on_the_whole_pictures_grid(int width, int height, int core)
    {
        var plan = TilePlan.For(width, height, core);
        AssertAxis(plan.Tiles.Select(t => t.X).Distinct().ToList(), width);
        AssertAxis(plan.Tiles.Select(t => t.Y).Distinct().ToList(), height);
    }

    [Fact]
    public void A_core_is_never_larger_than_asked_and_is_on_the_grid()
    {
        var plan = TilePlan.For(500, 300, 99);
        Assert.Equal(96, plan.Core);
        Assert.All(plan.Tiles, t => Assert.True(t.X.CoreLength <= 96 && t.Y.CoreLength <= 96));
    }

    [Fact]
    public void Borders_in_the_picture_leave_out_the_mirrored_margins()
    {
        var (plan, columns, rows) = TilePlan.ForPicture(200, 100, edgePadding: 24, core: 64);
        Assert.Equal(232, plan.Width); // 8 mirrored before, 24 after
        Assert.Equal([56, 120, 184], columns);
        Assert.Equal([56], rows);
    }

    private static void AssertAxis(IReadOnlyList<AxisSpan> spans, int size)
    {
        Assert.Equal(0, spans[0].CoreStart);
        Assert.Equal(size, spans[^1].CoreEnd);
        for (var i = 1; i < spans.Count; i++) Assert.Equal(spans[i - 1].CoreEnd, spans[i].CoreStart);
        foreach (var span in spans)
        {
            Assert.Equal(0, span.Start % TilePlan.Grid);
            Assert.Equal(size % TilePlan.Grid, span.End % TilePlan.Grid); // "SAME" pads each tile's stride-2 layers as the whole's
            Assert.True(span.CoreStart - span.Start >= Math.Min(TilePlan.Overlap, span.CoreStart), $"{span}: margin before");
            Assert.True(span.End - span.CoreEnd >= Math.Min(TilePlan.Overlap, size - span.CoreEnd), $"{span}: margin after");
            Assert.True(TilePlan.Overlap >= TilePlan.ReceptiveRadius);
        }
    }
}
