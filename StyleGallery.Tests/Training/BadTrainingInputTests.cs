using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class BadTrainingInputTests : IDisposable
{
    private readonly TrainingFixture _fixture = new(photos: 2);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void An_empty_folder_is_refused()
    {
        var request = _fixture.Request(TrainingFixture.Tiny) with { DataFolder = _fixture.Folder("empty") };
        var error = Assert.Throws<TrainingDataException>(() => TrainingFixture.Trainer().Train(request));
        Assert.Contains("holds no JPEG, PNG", error.Message);
    }

    [Fact]
    public void A_missing_folder_is_refused()
    {
        var request = _fixture.Request(TrainingFixture.Tiny) with { DataFolder = Path.Combine(_fixture.Root, "nowhere") };
        Assert.Contains("does not exist", Assert.Throws<TrainingDataException>(() => TrainingFixture.Trainer().Train(request)).Message);
    }

    [Fact]
    public void A_folder_of_unreadable_images_is_refused_naming_one()
    {
        var folder = _fixture.Folder("broken");
        File.WriteAllText(Path.Combine(folder, "a.jpg"), "not a jpeg");
        File.WriteAllBytes(Path.Combine(folder, "b.png"), [0x89, 0x50, 0x4E, 0x47]);
        var request = _fixture.Request(TrainingFixture.Tiny) with { DataFolder = folder };
        var error = Assert.Throws<TrainingDataException>(() => TrainingFixture.Trainer().Train(request));
        Assert.Contains("None of the 2 image files", error.Message);
        Assert.Contains("a.jpg", error.Message);
    }

    [Fact]
    public void Unreadable_images_beside_good_ones_are_skipped_and_reported()
    {
        File.WriteAllText(Path.Combine(_fixture.Photos, "zz-broken.jpg"), "not a jpeg");
        var result = TrainingFixture.Trainer().Train(_fixture.Request(TrainingFixture.Tiny with { Steps = 1 }));
        Assert.Single(result.SkippedPhotos);
        Assert.StartsWith("zz-broken.jpg", result.SkippedPhotos[0]);
    }

    [Fact]
    public void A_style_image_that_cannot_be_decoded_is_refused()
    {
        var style = Path.Combine(_fixture.Root, "painting.jpg");
        File.WriteAllText(style, "this is not a painting");
        var request = _fixture.Request(TrainingFixture.Tiny) with { StyleImagePath = style };
        var error = Assert.Throws<StyleImageException>(() => TrainingFixture.Trainer().Train(request));
        Assert.Contains("cannot be decoded", error.Message);
    }

    [Fact]
    public void Absurd_settings_are_all_listed_before_any_work()
    {
        var options = TrainingFixture.Tiny with { BatchSize = 0, CropSize = 5, LearningRate = -1 };
        var error = Assert.Throws<InvalidTrainingOptionsException>(() => TrainingFixture.Trainer().Train(_fixture.Request(options)));
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("batch size"));
        Assert.Contains(error.Problems, p => p.Contains("crop size"));
        Assert.Contains(error.Problems, p => p.Contains("learning rate"));
    }

    [Fact]
    public void Zero_steps_are_refused() =>
        Assert.Contains("Train for at least one step (got 0).", (TrainingFixture.Tiny with { Steps = 0 }).Problems());

    [Fact]
    public void A_zero_style_weight_is_refused() =>
        Assert.Contains("A style weight of 0 would learn no style.", (TrainingFixture.Tiny with { StyleWeight = 0 }).Problems());

    [Fact]
    public void A_layer_the_loss_network_lacks_is_refused_with_the_layer_named()
    {
        var options = TrainingFixture.Tiny with { Layers = LossLayers.Vgg16Johnson };
        var error = Assert.Throws<InvalidTrainingOptionsException>(() => TrainingFixture.Trainer().Train(_fixture.Request(options)));
        Assert.Contains("no conv4_3", error.Message); // the mirror's VGG16 stops at conv3_3
    }

    [Fact]
    public void A_layer_name_the_architecture_does_not_have_is_refused()
    {
        var options = TrainingFixture.Tiny with { Layers = new LossLayers(VggArchitecture.Vgg16, "relu3_4", ["relu1_2"]) };
        Assert.Contains(options.Problems(), p => p.Contains("relu3_4"));
    }

    [Fact]
    public void An_overflowing_loss_stops_the_run_and_saves_nothing()
    {
        var request = _fixture.Request(TrainingFixture.Tiny with { StyleWeight = 1e300 });
        var error = Assert.Throws<TrainingDivergedException>(() => TrainingFixture.Trainer().Train(request));
        Assert.Contains("nothing was saved", error.Message);
        Assert.False(File.Exists(request.OutputPath));
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused_on_resume()
    {
        var first = TrainingFixture.Trainer().Train(_fixture.Request(TrainingFixture.Tiny with { Steps = 3, CheckpointEvery = 2 }, "a"));
        var other = _fixture.Request(TrainingFixture.Tiny with { Width = Engine.Fast.FastWidth.Full }, "b") with { ResumeFrom = first.LastCheckpoint };
        var error = Assert.Throws<InvalidCheckpointException>(() => TrainingFixture.Trainer().Train(other));
        Assert.Contains("Half-width", error.Message);
    }
}
