using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Networks;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Gatys;

/// <summary>Small pictures (64×48 tubingen and starry night from the golden file) and a stylizer on the shared weights.</summary>
internal static class GatysTestData
{
    private static readonly Lazy<(RgbImage Content, RgbImage Style)> Pictures = new(LoadPictures);

    public static RgbImage Content => Pictures.Value.Content;
    public static RgbImage Style => Pictures.Value.Style;

    /// <summary>A saturated red/blue stripe pattern: a second style clearly unlike starry night.</summary>
    public static RgbImage Stripes { get; } = MakeStripes(64, 48);

    public static GatysStylizer Stylizer() => new(architecture => architecture switch
    {
        VggArchitecture.Vgg19 => new VggWeightSource(SharedData.Vgg("vgg19-imagenet.safetensors"), VggWeightConventions.Caffe),
        _ => new VggWeightSource(SharedData.Vgg("vgg16-imagenet-to-conv3_3.safetensors"), VggWeightConventions.Caffe),
    });

    /// <summary>Fast options: 64 px, few iterations, no previews unless asked.</summary>
    public static GatysOptions Small(int iterations = 8) => new()
    {
        MaxSide = 64, Iterations = iterations, Init = GatysInit.Noise, PreviewEveryIterations = 1000, PreviewMinInterval = TimeSpan.Zero,
    };

    private static (RgbImage, RgbImage) LoadPictures()
    {
        var golden = SafeTensorsFile.Load(SharedData.Golden("gatys_vgg19_small_golden.safetensors"));
        var pictures = (ImageTensors.ToImage(golden["content"]), ImageTensors.ToImage(golden["style"]));
        foreach (var tensor in golden.Values) tensor.Dispose();
        return pictures;
    }

    private static RgbImage MakeStripes(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                var red = (x / 4 + y / 4) % 2 == 0;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = red ? ((byte)230, (byte)20, (byte)30) : ((byte)20, (byte)40, (byte)220);
            }
        return new RgbImage(width, height, pixels);
    }
}

/// <summary>Reports synchronously on the optimising thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class RecordingProgress(Action<GatysProgress>? onReport = null) : IProgress<GatysProgress>
{
    public List<GatysProgress> Reports { get; } = [];

    public void Report(GatysProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
