using StyleGallery.Cli;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Training;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Cli;

/// <summary>A style trained with <c>stylegallery train</c> is listed by <c>models list</c> and used by <c>fast</c>.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainedStyleCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly TrainingFixture _photos = new(photos: 3);

    public void Dispose()
    {
        _photos.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Fast_paints_with_a_trained_style_as_its_saved_network_does()
    {
        await TrainTiny("my-scream");
        var photo = _cli.Photo("in/photo.png", 60, 44);
        var output = Path.Combine(_cli.Root, "out.png");

        var (code, stdout, stderr) = await _cli.Run("fast", "--style", "my-scream", "--in", photo, "--out", output, "--precision", "Float32", "--edge-padding", "0");

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout);
        using var net = TrainedStyleFile.LoadNetwork(new UserStyles(_cli.ModelsFolder).PathOf("my-scream"));
        Assert.Equal(Run(net, ImageDecoder.DecodeFile(photo)).Pixels, ImageDecoder.DecodeFile(output).Pixels);
    }

    [Fact]
    public async Task Models_list_shows_trained_styles_in_their_own_section()
    {
        await TrainTiny("my-scream");

        var (code, output, _) = await _cli.Run("models", "list");

        Assert.Equal(0, code);
        var section = output.IndexOf("Trained styles", StringComparison.Ordinal);
        Assert.True(section > output.IndexOf("vgg19-imagenet", StringComparison.Ordinal), "the trained styles come after the catalogue");
        Assert.Matches(@"(?m)^my-scream\s+2\s+\d{4}-\d\d-\d\d\s+my-scream \(the_scream_small\.jpg\)", output[section..]);
    }

    [Fact]
    public async Task Models_list_says_when_nothing_was_trained_and_fast_lists_trained_ids_for_an_unknown_style()
    {
        var (_, list, _) = await _cli.Run("models", "list");
        Assert.Contains("none yet", list);

        await TrainTiny("my-scream");
        var (code, _, error) = await _cli.Run("fast", "--style", "nope", "--in", _cli.Photo("p.png"), "--out", Path.Combine(_cli.Root, "o.png"));
        Assert.Equal(ExitCodes.MissingModel, code);
        Assert.Contains("my-scream", error);
    }

    [Fact]
    public async Task Train_warns_of_each_photo_it_skipped_as_unreadable()
    {
        var broken = Path.Combine(_photos.Photos, "broken.jpg");
        await File.WriteAllBytesAsync(broken, [0xFF, 0xD8, 0xFF, 0x00, 0x01]);

        var stderr = await TrainTiny("with-a-broken-photo");

        Assert.Contains("warning: skipped broken.jpg: ", stderr);
    }

    private async Task<string> TrainTiny(string id)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["train", "--style", TrainingFixture.Style, "--data", _photos.Photos, "--out", id,
            "--size", "32", "--batch", "2", "--steps", "2", "--width", "half", "--checkpoint-every", "0",
            "--models", _cli.ModelsFolder, "--mirror", SharedData.Models, "--offline", "--threads", "2"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        return stderr.ToString();
    }

    private static RgbImage Run(Engine.Fast.TransformerNet net, RgbImage photo)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var output = net.forward(ImageTensors.ToTensor(photo, PixelScale.ZeroTo255));
        return ImageTensors.ToImage(output, PixelScale.ZeroTo255);
    }
}
