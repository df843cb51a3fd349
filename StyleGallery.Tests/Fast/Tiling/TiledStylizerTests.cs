using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Fast.Tiling;

/// <summary>
/// Tiled painting against the untiled picture, float32, on a small photo with small tiles: 121 × 91 (sizes that are not
/// multiples of 4, so the grid alignment is exercised) in 64-pixel cores, 3 × 2 tiles.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TiledStylizerTests : IDisposable
{
    private const int Core = 64;
    private static readonly FastStyleOptions Whole = new() { Precision = ComputePrecision.Float32 };
    private static readonly FastStyleOptions Tiled = Whole with { Tile = Core, TileStatistics = TileStatistics.Exact };
    private static readonly RgbImage Photo = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 121);
    private readonly FastStylizer _stylizer = new(SharedData.Fast, recentPictures: 0);

    public void Dispose() => _stylizer.Dispose();

    [Theory]
    [InlineData(TileStatistics.Exact)]
    [InlineData(TileStatistics.Downscaled)] // the photo is under StatisticsPixels: its statistics are the whole picture's
    public void Tiles_with_the_whole_pictures_statistics_equal_the_untiled_picture(TileStatistics statistics)
    {
        Assert.Equal((121, 91), (Photo.Width, Photo.Height));
        var whole = _stylizer.Stylize(Photo, "udnie", Whole);
        var tiled = _stylizer.Stylize(Photo, "udnie", Tiled with { TileStatistics = statistics });
        Assert.True(TilePlan.ForPicture(Photo.Width, Photo.Height, Whole.EdgePadding, Core).Plan.Tiles.Count >= 4);
        var mae = TestPhotos.MeanAbsoluteError(whole, tiled);
        Assert.True(mae <= 1, $"tiled vs whole: MAE {mae:F3} grey levels");
    }

    [Fact]
    public void Each_tiles_own_statistics_would_fail_the_comparison()
    {
        var whole = _stylizer.Stylize(Photo, "udnie", Whole);
        var perTile = _stylizer.Stylize(Photo, "udnie", Tiled with { TileStatistics = TileStatistics.PerTile });
        var mae = TestPhotos.MeanAbsoluteError(whole, perTile);
        Assert.True(mae > 1, $"per-tile statistics should fail the 1-grey-level comparison (2.2 measured): MAE {mae:F3}");
    }

    [Fact]
    public void Colours_and_strength_are_applied_tile_by_tile_as_to_the_whole()
    {
        var look = new FastStyleOptions { Precision = ComputePrecision.Float32, PreserveColors = true, Strength = 0.6 };
        var whole = _stylizer.Stylize(Photo, "udnie", look);
        var tiled = _stylizer.Stylize(Photo, "udnie", look with { Tile = Core, TileStatistics = TileStatistics.Exact });
        Assert.True(TestPhotos.MeanAbsoluteError(whole, tiled) <= 1);
    }

    [Fact]
    public void Tile_borders_leave_no_seam_where_per_tile_statistics_do()
    {
        var (_, columns, rows) = TilePlan.ForPicture(Photo.Width, Photo.Height, Whole.EdgePadding, Core);
        var tiled = SeamMeasure.Ratio(_stylizer.Stylize(Photo, "udnie", Tiled), columns, rows);
        var perTile = SeamMeasure.Ratio(_stylizer.Stylize(Photo, "udnie", Tiled with { TileStatistics = TileStatistics.PerTile }), columns, rows);
        Assert.True(tiled < 1.25, $"seam measure with whole-picture statistics: {tiled:F3}");
        Assert.True(perTile > tiled + 0.25, $"per-tile statistics should show their borders: {perTile:F3} vs {tiled:F3}");
    }

    [Fact]
    public void Every_tile_run_is_reported()
    {
        var reports = new List<TileProgress>();
        _stylizer.Stylize(Photo, "udnie", Tiled with { TileStatistics = TileStatistics.Downscaled }, reports.Add);
        var tiles = TilePlan.ForPicture(Photo.Width, Photo.Height, Whole.EdgePadding, Core).Plan.Tiles.Count;
        Assert.Equal(tiles + 1, reports.Count); // the downscaled statistics, then each tile
        Assert.Equal("statistics", reports[0].Stage);
        Assert.All(reports.Skip(1), r => Assert.Equal("painting", r.Stage));
        Assert.Equal(Enumerable.Range(1, tiles + 1), reports.Select(r => r.Done));
    }

    [Fact]
    public void A_picture_that_fits_the_memory_limit_is_painted_whole_and_a_larger_one_in_tiles()
    {
        Assert.Equal(0, TileSizing.CoreFor(1920, 1080, new FastStyleOptions()));
        var core = TileSizing.CoreFor(8192, 8192, new FastStyleOptions());
        Assert.InRange(core, 1024, 4096);
        Assert.True(TileSizing.CoreFor(8192, 8192, new FastStyleOptions { MemoryLimitMegabytes = 1200 }) < core);
        Assert.Equal(96, TileSizing.CoreFor(100, 100, new FastStyleOptions { Tile = 96 }));
    }
}
