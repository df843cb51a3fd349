using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Gatys.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Gatys;

/// <summary>
/// Tiled evaluation (issue 19): the loss and gradient of a picture cut into 64 px cores with their halo equal the whole
/// picture's, and an optimisation in tiles follows the untiled one. Each comparison also checks that a tiling without a
/// halo misses, so the tolerance is one a broken tiling cannot meet.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GatysTilingTests
{
    private const double Tolerance = 1e-3;
    private const int Width = 128;
    private const int Height = 96;
    private const int Core = 64;

    [Fact]
    public void The_halo_is_relu5_1s_reach_from_the_layer_table_on_the_pooling_grid()
    {
        Assert.Equal((70, 85, 16), VggLayout.InputReach(VggArchitecture.Vgg19, VggLayout.Find(VggArchitecture.Vgg19, "relu5_1")));
        Assert.Equal((38, 45, 8), VggLayout.InputReach(VggArchitecture.Vgg19, VggLayout.Find(VggArchitecture.Vgg19, "relu4_2")));
        Assert.Equal(new GatysTiling(48, 80, 16), GatysTiling.For(new GatysOptions(), 50));
        // Without relu5_1 the grid is relu4_2's and relu4_1's (8 px) and the halo their reach, 38 → 40.
        Assert.Equal(new GatysTiling(48, 40, 8), GatysTiling.For(new GatysOptions { StyleLayers = ["relu1_1", "relu4_1"] }, 50));
    }

    [Fact]
    public void Cores_partition_each_axis_on_the_grid_and_tiles_stop_at_the_edges()
    {
        var tiling = GatysTiling.For(new GatysOptions(), 48);

        Assert.Equal([new(0, 128, 0, 48), new(0, 130, 48, 96), new(16, 130, 96, 130)], tiling.Axis(130));
        // At relu5_1 (4 poolings) the last core runs to the end of the whole map, 130 >> 4 = 8 positions.
        Assert.Equal((5, 7), new GatysAxisTile(16, 130, 96, 130).CoreAt(4, 130));
        Assert.Equal((0, 3), new GatysAxisTile(0, 128, 0, 48).CoreAt(4, 130));
        Assert.Single(tiling.Tiles(40, 48));
    }

    [Theory]
    [InlineData(0, 8000, "The tile size must be between 16 and 4096 pixels (got 0).")]
    [InlineData(-64, 8000, "The tile size must be between 16 and 4096 pixels (got -64).")]
    [InlineData(null, 999, "The memory limit must be at least 1000 MB (got 999).")]
    public void A_bad_tile_size_or_memory_limit_is_refused_with_a_clear_message(int? tile, int memory, string message)
    {
        var options = GatysTestData.Small() with { Tile = tile, MemoryLimitMegabytes = memory };

        Assert.Equal([message], options.Problems());
        var refused = Assert.Throws<InvalidGatysOptionsException>(() =>
            GatysTestData.Stylizer().Stylize(GatysTestData.Content, [new(GatysTestData.Style)], options));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_levels_are_tiled_to_the_memory_limit_and_small_ones_are_not()
    {
        var adam = new GatysOptions { Optimizer = GatysOptimizer.Adam };

        Assert.Null(GatysTileSizing.TilingFor(512, 512, adam));
        var poster = GatysTileSizing.TilingFor(4096, 4096, adam)!;
        Assert.InRange(poster.Core, GatysTileSizing.MinAutomaticCore, 4096);
        Assert.Equal(80, poster.Halo);
        var estimate = GatysTileSizing.BaseBytes + GatysTileSizing.KeptBytesPerPixel(adam) * 4096L * 4096
            + GatysTileSizing.BFloat16BytesPerPixel * (long)Math.Pow(poster.Core + 2 * poster.Halo, 2);
        Assert.True(estimate <= (long)adam.MemoryLimitMegabytes << 20, $"{estimate >> 20} MB");
        Assert.Equal(Core, GatysTileSizing.TilingFor(96, 128, adam with { Tile = Core + 5 })!.Core);
    }

    [Fact]
    public void Tiled_loss_and_gradient_equal_the_whole_pictures_with_one_style()
    {
        using var scope = NewDisposeScope();
        var options = Exact();
        using var net = Net(options);
        var styles = new List<(Tensor, double)> { (Picture("starry_night.jpg", Width, Height, style: true), 1.0) };

        var whole = Evaluate(net, options, styles, null);
        var tiled = Evaluate(net, options, styles, GatysTiling.For(options, Core));
        var noHalo = Evaluate(net, options, styles, GatysTiling.For(options, Core, halo: 0));

        AssertEqual(whole, tiled);
        Assert.True(Difference(whole, noHalo) > Tolerance, $"without a halo the difference is only {Difference(whole, noHalo)}");
    }

    [Fact]
    public void Tiled_loss_and_gradient_equal_the_whole_pictures_with_two_styles_of_other_sizes()
    {
        using var scope = NewDisposeScope();
        var options = Exact();
        using var net = Net(options);
        var styles = new List<(Tensor, double)>
        {
            (Picture("starry_night.jpg", 160, 120, style: true), 0.7),
            (Picture("the_scream.jpg", 80, 112, style: true), 0.3),
        };

        var whole = Evaluate(net, options, styles, null);
        var tiled = Evaluate(net, options, styles, GatysTiling.For(options, Core));
        var noHalo = Evaluate(net, options, styles, GatysTiling.For(options, Core, halo: 0));

        AssertEqual(whole, tiled);
        Assert.True(Difference(whole, noHalo) > Tolerance, $"without a halo the difference is only {Difference(whole, noHalo)}");
    }

    [Fact]
    public void A_short_tiled_optimisation_follows_the_untiled_one_and_reports_every_evaluation()
    {
        var content = ImageResizer.Resize(ImageDecoder.DecodeFile(SharedData.Content("tubingen.jpg")), Width, Height);
        var styles = new List<StyleInput> { new(ImageDecoder.DecodeFile(SharedData.Style("starry_night.jpg"))) };
        var options = Exact() with
        {
            MaxSide = Width,
            Iterations = 5,
            Init = GatysInit.Content,
            PreviewEveryIterations = 1000,
            PreviewMinInterval = TimeSpan.Zero,
        };
        var (wholeProgress, tiledProgress) = (new RecordingProgress(), new RecordingProgress());

        var whole = GatysTestData.Stylizer().Stylize(content, styles, options, wholeProgress);
        var tiled = GatysTestData.Stylizer().Stylize(content, styles, options with { Tile = Core }, tiledProgress);

        Assert.Equal(Enumerable.Range(1, 5), tiledProgress.Reports.Select(r => r.Iteration));
        foreach (var (w, t) in wholeProgress.Reports.Zip(tiledProgress.Reports))
            Assert.True(Math.Abs(w.TotalLoss - t.TotalLoss) <= Tolerance * w.TotalLoss, $"iteration {w.Iteration}: {t.TotalLoss} tiled vs {w.TotalLoss}");
        var differences = whole.Pixels.Zip(tiled.Pixels, (a, b) => Math.Abs(a - b)).ToList();
        Assert.True(differences.Max() <= 1 && differences.Average() < 0.01, $"max {differences.Max()}, mean {differences.Average()} grey levels");
    }

    /// <summary>Float32 (exact), the default loss otherwise, and a total variation and content weight large enough to matter.</summary>
    private static GatysOptions Exact() => new() { Precision = Engine.Runtime.ComputePrecision.Float32, ContentWarmupIterations = 0 };

    private static VggFeatures Net(GatysOptions options) =>
        VggFeatures.Load(SharedData.Vgg("vgg19-imagenet.safetensors"), VggArchitecture.Vgg19, VggWeightConventions.Caffe, options.RequiredLayers);

    private static Tensor Picture(string file, int width, int height, bool style = false) =>
        ImageTensors.ToTensor(ImageResizer.Resize(ImageDecoder.DecodeFile(style ? SharedData.Style(file) : SharedData.Content(file)), width, height));

    /// <summary>The loss and gradient at a picture halfway between the photo and noise, with the targets made in the same tiling.</summary>
    private static (double Loss, Tensor Gradient) Evaluate(VggFeatures net, GatysOptions options, IReadOnlyList<(Tensor, double)> styles, GatysTiling? tiling)
    {
        var content = Picture("tubingen.jpg", Width, Height);
        var x = content.add(rand([1, 3, Height, Width], generator: new Generator(7)).mul(255f)).mul(0.5f);
        using var objective = GatysObjective.Create(net, options, content, styles, Height, Width, tiling);
        var evaluation = objective.Evaluate(x);
        return (evaluation.TotalLoss, evaluation.Gradient);
    }

    private static double Difference((double Loss, Tensor Gradient) whole, (double Loss, Tensor Gradient) tiled) =>
        Math.Max(Math.Abs(tiled.Loss - whole.Loss) / whole.Loss,
            tiled.Gradient.sub(whole.Gradient).norm().item<float>() / whole.Gradient.norm().item<float>());

    private static void AssertEqual((double Loss, Tensor Gradient) whole, (double Loss, Tensor Gradient) tiled)
    {
        Assert.True(Math.Abs(tiled.Loss - whole.Loss) <= Tolerance * whole.Loss, $"loss {tiled.Loss} tiled vs {whole.Loss} whole");
        var gradient = tiled.Gradient.sub(whole.Gradient).norm().item<float>() / whole.Gradient.norm().item<float>();
        Assert.True(gradient <= Tolerance, $"gradient: relative difference {gradient}");
    }
}
