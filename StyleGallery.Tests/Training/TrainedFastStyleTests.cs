using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Training;

/// <summary>A style trained through the engine is listed and used exactly like a catalogue fast style.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainedFastStyleTests : IDisposable
{
    /// <summary>Without edge padding, so the engine's picture is exactly the saved network's output on the photo.</summary>
    private static readonly FastStyleOptions Float32 = new() { Precision = ComputePrecision.Float32, MaxSide = 64, EdgePadding = 0 };
    private readonly TrainingFixture _fixture = new(photos: 3);
    private readonly StyleGalleryEngine _engine;

    public TrainedFastStyleTests() =>
        _engine = new StyleGalleryEngine(new EngineSettings
        {
            ModelsDirectory = Path.Combine(_fixture.Root, "models"), MirrorDirectory = SharedData.Models, AllowDownloads = false, Threads = 2,
        });

    public void Dispose()
    {
        _engine.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public async Task A_trained_style_paints_exactly_what_its_saved_network_computes()
    {
        await Train("tiny-scream", TrainingFixture.Tiny with { Normalization = FastNormalization.Batch });
        var photo = TestImages.Gradient(48, 40, blue: 90);

        var picture = await _engine.StylizeFastAsync(photo, "tiny-scream", Float32);

        using var net = TrainedStyleFile.LoadNetwork(_engine.UserStyles.PathOf("tiny-scream"));
        var expected = Run(net, photo);
        Assert.Equal((48, 40), (picture.Width, picture.Height));
        Assert.Equal(expected.Pixels, picture.Pixels);
        Assert.NotEqual(photo.Pixels, picture.Pixels);
    }

    [Fact]
    public async Task The_list_has_the_catalogue_styles_then_the_trained_one_with_its_painting_kept()
    {
        await Train("tiny-scream", TrainingFixture.Tiny, title: "My Scream");

        var styles = _engine.FastStyles();

        Assert.Equal("udnie", styles[0].Id);
        var trained = Assert.Single(styles, s => s.Origin == FastStyleOrigin.User);
        Assert.Equal(("tiny-scream", "My Scream", true), (trained.Id, trained.Title, trained.IsInstalled));
        Assert.Same(styles[^1], trained);
        var painting = _engine.UserStyles.PaintingPathOf("tiny-scream");
        Assert.Equal(File.ReadAllBytes(TrainingFixture.Style), File.ReadAllBytes(painting!));
    }

    [Fact]
    public async Task An_unknown_id_names_the_styles_that_exist()
    {
        await Train("tiny-scream", TrainingFixture.Tiny);

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => _engine.StylizeFastAsync(TestImages.Gradient(8, 8, blue: 90), "no-such-style", Float32));

        Assert.Contains("Unknown fast style 'no-such-style'", error.Message);
        Assert.Contains("tiny-scream", error.Message);
        Assert.Contains("udnie", error.Message);
    }

    [Fact]
    public async Task A_trained_style_cannot_take_a_catalogue_id()
    {
        var request = _fixture.Request(TrainingFixture.Tiny);

        var error = await Assert.ThrowsAsync<InvalidUserStyleException>(() => _engine.SubmitTrainingAsync(request, "udnie"));

        Assert.Contains("catalogue", error.Message);
        Assert.False(File.Exists(_engine.UserStyles.PathOf("udnie")));
    }

    [Fact]
    public async Task Training_again_under_the_same_id_replaces_the_cached_network()
    {
        await Train("again", TrainingFixture.Tiny);
        var photo = TestImages.Gradient(40, 40, blue: 90);
        var first = await _engine.StylizeFastAsync(photo, "again", Float32);

        await Train("again", TrainingFixture.Tiny with { Seed = 99 });
        var second = await _engine.StylizeFastAsync(photo, "again", Float32);

        using var net = TrainedStyleFile.LoadNetwork(_engine.UserStyles.PathOf("again"));
        Assert.Equal(Run(net, photo).Pixels, second.Pixels);
        Assert.NotEqual(first.Pixels, second.Pixels);
    }

    private async Task Train(string id, TrainingOptions options, string? title = null)
    {
        var ticket = await _engine.SubmitTrainingAsync(_fixture.Request(options), id, title);
        var job = await ticket.Completion;
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
    }

    /// <summary>The saved network on the photo, computed here without the engine (float32, 0..255 in and out).</summary>
    private static RgbImage Run(TransformerNet net, RgbImage photo)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var output = net.forward(ImageTensors.ToTensor(photo, PixelScale.ZeroTo255));
        return ImageTensors.ToImage(output, PixelScale.ZeroTo255);
    }

}
