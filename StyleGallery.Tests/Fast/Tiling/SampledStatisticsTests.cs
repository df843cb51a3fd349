using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Fast.Tiling;

/// <summary>
/// <see cref="TileStatistics.Sampled"/>, float32, on the 121 × 91 photo of <see cref="TiledStylizerTests"/>: painted in
/// 64 px cores, its statistics from a lock-step forward over 32 px sample tiles (5 × 4 of them over the mirror-padded
/// 153 × 123 picture), all of them, without the guide (which alone would make a picture this small exact); and a share
/// on a larger photo.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SampledStatisticsTests : IDisposable
{
    private const int Core = 64;
    private static readonly FastStyleOptions Whole = new() { Precision = ComputePrecision.Float32 };
    private static readonly FastStyleOptions AllSampled = Whole with { Tile = Core, TileStatistics = TileStatistics.Sampled, SampleCore = 32, SampleShare = 1, SampleGuided = false };
    private static readonly RgbImage Photo = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 121);
    private readonly FastStylizer _stylizer = new(SharedData.Fast, recentPictures: 0);

    public void Dispose() => _stylizer.Dispose();

    [Fact]
    public void A_sample_of_every_tile_paints_the_untiled_picture()
    {
        Assert.Equal(20, SampleChoice.For(Photo.Width, Photo.Height, AllSampled).Count);
        var whole = _stylizer.Stylize(Photo, "udnie", Whole);
        var tiled = _stylizer.Stylize(Photo, "udnie", AllSampled);
        var mae = TestPhotos.MeanAbsoluteError(whole, tiled);
        Assert.True(mae <= 0.05, $"every tile sampled vs whole: MAE {mae:F4} grey levels");
    }

    [Fact]
    public void A_sample_of_every_tile_records_the_exact_statistics_of_every_layer()
    {
        var sampled = Statistics(AllSampled);
        var exact = Statistics(AllSampled with { TileStatistics = TileStatistics.Exact });
        // in1..in3, the residual blocks' two each, in4..in6: the order a forward reaches them
        Assert.Equal([32, 64, 128, .. Enumerable.Repeat(128, 10), 64, 32, 3], sampled.Select(s => s.Channels));
        for (var layer = 0; layer < exact.Count; layer++)
        {
            for (var c = 0; c < exact[layer].Channels; c++)
            {
                var scale = Math.Sqrt(exact[layer].Variance[c]) + 1e-3;
                Assert.True(Math.Abs(sampled[layer].Mean[c] - exact[layer].Mean[c]) <= 1e-4 * scale, $"layer {layer} channel {c}: mean {sampled[layer].Mean[c]} vs exact {exact[layer].Mean[c]}");
                Assert.True(Math.Abs(sampled[layer].Variance[c] - exact[layer].Variance[c]) <= 1e-4 * scale * scale, $"layer {layer} channel {c}: variance {sampled[layer].Variance[c]} vs exact {exact[layer].Variance[c]}");
            }
        }
    }

    /// <summary>
    /// A quarter of the tiles, on a 400 × 300 photo painted in 64 px cores (where each tile's own statistics are far off):
    /// measured 26.4 grey levels per tile, 16.8 from a plain sample of 3 of the 12 sample tiles, 14.2 guided by a
    /// 128 × 96 copy (a guide as large as the picture would make it exact: see docs/poster.md).
    /// </summary>
    [Fact]
    public void A_share_of_the_tiles_beats_each_tiles_own_statistics_and_a_guide_improves_it()
    {
        var photo = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 400);
        var plain = Whole with { Tile = Core, TileStatistics = TileStatistics.Sampled, SampleCore = 128, SampleShare = 0.25, SampleGuided = false };
        var guided = plain with { SampleGuided = true, StatisticsPixels = 128 * 128 };
        Assert.Equal(3, SampleChoice.For(photo.Width, photo.Height, plain).Count);
        var whole = _stylizer.Stylize(photo, "udnie", Whole);
        var perTile = TestPhotos.MeanAbsoluteError(whole, _stylizer.Stylize(photo, "udnie", plain with { TileStatistics = TileStatistics.PerTile }));
        var sampled = TestPhotos.MeanAbsoluteError(whole, _stylizer.Stylize(photo, "udnie", plain));
        var withGuide = TestPhotos.MeanAbsoluteError(whole, _stylizer.Stylize(photo, "udnie", guided));
        Assert.True(sampled < 0.8 * perTile, $"a quarter of the tiles sampled: MAE {sampled:F3}; each tile's own statistics: {perTile:F3}");
        Assert.True(withGuide < sampled - 1, $"guided: MAE {withGuide:F3}; plain: {sampled:F3}");
    }

    [Fact]
    public void The_sample_is_reported_before_the_painting()
    {
        var reports = new List<TileProgress>();
        _stylizer.Stylize(Photo, "udnie", AllSampled, reports.Add);
        var tiles = TilePlan.ForPicture(Photo.Width, Photo.Height, Whole.EdgePadding, Core).Plan.Tiles.Count;
        Assert.Equal(20 + tiles, reports.Count);
        Assert.All(reports.Take(20), r => Assert.Equal("statistics", r.Stage));
        Assert.All(reports.Skip(20), r => Assert.Equal("painting", r.Stage));
        Assert.Equal(Enumerable.Range(1, 20 + tiles), reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(tiles, r.Tiles));
    }

    [Fact]
    public void The_memory_limit_bounds_the_sample()
    {
        var options = new FastStyleOptions { TileStatistics = TileStatistics.Sampled, SampleShare = 1 };
        var roomy = SampleChoice.For(8192, 8192, options with { MemoryLimitMegabytes = 4000 }).Count;
        var tight = SampleChoice.For(8192, 8192, options).Count;
        Assert.InRange(tight, 2, roomy - 1);
        Assert.Single(SampleChoice.For(8192, 8192, options with { MemoryLimitMegabytes = 1000 }));
        var plan = TilePlan.ForPicture(8192, 8192, options.EdgePadding, options.SampleCore).Plan;
        Assert.Equal(3, TileSizing.SampleTilesFor(8192, 8192, plan, options with { SampleShare = 0.01 })); // ⌈1 % of 17 × 17 tiles⌉
    }

    [Theory]
    [InlineData(8, 8, 4, new[] { 18, 22, 50, 54 })] // the middles of the four 4 × 4 quarters
    [InlineData(6, 3, 2, new[] { 7, 10 })] // a wide grid is cut across: two 3 × 3 blocks
    [InlineData(5, 4, 5, new[] { 6, 8, 16, 18 })] // 1 × 5 blocks would be 4 tiles tall and 1 wide: 2 × 2 instead
    public void The_stratified_sample_takes_the_middle_tile_of_each_block(int columns, int rows, int count, int[] expected)
    {
        var plan = TilePlan.For(columns * 64, rows * 64, 64);
        var chosen = SampleChoice.Stratified(plan, count).Select(t => t.Index).ToArray();
        Assert.Equal(expected, chosen);
        Assert.Equal(chosen, SampleChoice.Stratified(plan, count).Select(t => t.Index).ToArray());
    }

    [Fact]
    public void The_stratified_sample_has_one_tile_in_each_block_of_the_grid()
    {
        var plan = TilePlan.For(16 * 64, 12 * 64, 64); // 16 × 12 tiles
        var chosen = SampleChoice.Stratified(plan, 12);
        Assert.Equal(12, chosen.Count); // 4 × 3 blocks of 4 × 4 tiles
        var blocks = chosen.Select(t => (t.Y.CoreStart / 256, t.X.CoreStart / 256)).ToHashSet();
        Assert.Equal(12, blocks.Count);
        Assert.Equal(plan.Tiles, SampleChoice.Stratified(plan, 500));
    }

    private IReadOnlyList<LayerStatistics> Statistics(FastStyleOptions options)
    {
        var network = _stylizer.Network("udnie", ComputePrecision.Float32);
        var picture = new MirroredPicture(Photo, FastStylizer.MarginsFor(Photo, options.EdgePadding, null));
        var plan = TilePlan.For(picture.Width, picture.Height, Core);
        // Exact with no lock-step tiles: the streaming passes, one per layer.
        IReadOnlyList<Tile> sample = options.TileStatistics == TileStatistics.Sampled ? SampleChoice.For(Photo.Width, Photo.Height, options) : [];
        var progress = new TiledStylizer.Progress(plan, options.TileStatistics, 16, sample.Count, null);
        return new TiledStylizer(network, CPU).Statistics(picture, plan, sample, options, progress, CancellationToken.None)!;
    }
}
