using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Training;

/// <summary>A temporary folder with a handful of ../shared training photos, tiny settings, and the mirror's VGG weights.</summary>
internal sealed class TrainingFixture : IDisposable
{
    public TrainingFixture(int photos = 4)
    {
        Directory.CreateDirectory(Photos);
        foreach (var file in Directory.GetFiles(SharedData.Train, "*.jpg").Order(StringComparer.Ordinal).Take(photos))
            File.Copy(file, Path.Combine(Photos, Path.GetFileName(file)));
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "sg-train-" + Guid.NewGuid().ToString("N"));
    public string Photos => Path.Combine(Root, "photos");
    public static string Style => SharedData.Style("the_scream_small.jpg");

    /// <summary>32 px crops, batch 2, half width: a step takes a fraction of a second on two cores.</summary>
    public static TrainingOptions Tiny { get; } = new()
    {
        CropSize = 32,
        StyleSize = 64,
        BatchSize = 2,
        Width = FastWidth.Half,
        Steps = 3,
        CheckpointEvery = 0,
        Seed = 7,
    };

    public static FastStyleTrainer Trainer() => new(LossNetworks);

    public static VggWeightSource? LossNetworks(VggArchitecture architecture) => architecture switch
    {
        VggArchitecture.Vgg19 => new(SharedData.Vgg("vgg19-imagenet.safetensors"), VggWeightConventions.Caffe),
        _ => new(SharedData.Vgg("vgg16-imagenet-to-conv3_3.safetensors"), VggWeightConventions.Caffe),
    };

    public TrainingRequest Request(TrainingOptions options, string name = "style") =>
        new(Style, Photos, Path.Combine(Root, name + ".safetensors"), options);

    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
