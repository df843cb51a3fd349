using StyleGallery.Engine.Models;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Networks;

/// <summary>
/// A VGG weight file seen through its architecture and naming convention: which convolutions it really holds,
/// so that a request for a layer it lacks is refused before any work starts.
/// </summary>
public sealed class VggWeightFile
{
    private readonly SafeTensorsFile _file;

    private VggWeightFile(string path, SafeTensorsFile file, VggArchitecture architecture, VggWeightConventions conventions)
    {
        Path = path;
        _file = file;
        Architecture = architecture;
        Conventions = conventions;
        AvailableConvs = VggLayout.Layers(architecture).Where(l => l.Kind == VggLayerKind.Conv).TakeWhile(HasConv).ToList();
    }

    public string Path { get; }
    public VggArchitecture Architecture { get; }
    public VggWeightConventions Conventions { get; }

    /// <summary>The convolutions from conv1_1 on that the file holds without a gap.</summary>
    public IReadOnlyList<VggLayer> AvailableConvs { get; }

    /// <summary>Opens the file's header (tensor data is read later, on demand).</summary>
    public static VggWeightFile Open(string path, VggArchitecture architecture, VggWeightConventions conventions)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{architecture} weights not found at '{path}'.", path);
        return new VggWeightFile(path, SafeTensorsFile.Open(path), architecture, conventions);
    }

    /// <summary>Whether every convolution needed to compute this tap is in the file.</summary>
    public bool CanCompute(string tap) => RequiredConv(VggLayout.Find(Architecture, tap)) is not { } conv || AvailableConvs.Contains(conv);

    /// <summary>Throws <see cref="MissingVggLayerException"/> naming the first tap the file cannot compute.</summary>
    public void EnsureCanCompute(IEnumerable<string> taps)
    {
        foreach (var tap in taps)
        {
            if (CanCompute(tap)) continue;
            var needed = RequiredConv(VggLayout.Find(Architecture, tap))!;
            var last = AvailableConvs.Count > 0 ? AvailableConvs[^1] : null;
            var stop = last is null ? "they hold no complete convolution" : $"they stop at {last.Name}";
            var advice = last is null ? "install full weights" : $"choose layers up to relu{last.Block}_{last.Position} or install full weights";
            throw new MissingVggLayerException(
                $"{Architecture} weights '{System.IO.Path.GetFileName(Path)}' have no {needed.Name} ({stop}); {advice}.");
        }
    }

    /// <summary>A convolution's kernel or bias as a float32 CPU tensor.</summary>
    public Tensor Read(VggLayer conv, string part)
    {
        var name = VggLayout.TensorName(conv, Conventions.Naming, part);
        var tensor = _file.Read(name);
        long[] expected = part == "weight" ? [conv.OutChannels, conv.InChannels, 3, 3] : [conv.OutChannels];
        if (!tensor.shape.SequenceEqual(expected))
        {
            tensor.Dispose();
            throw new InvalidWeightsException(
                $"'{System.IO.Path.GetFileName(Path)}': {name} has shape [{string.Join(",", tensor.shape)}], {Architecture} needs [{string.Join(",", expected)}].");
        }
        return tensor;
    }

    private bool HasConv(VggLayer conv) =>
        _file.Contains(VggLayout.TensorName(conv, Conventions.Naming, "weight")) && _file.Contains(VggLayout.TensorName(conv, Conventions.Naming, "bias"));

    /// <summary>The deepest convolution a tap depends on (null for none, which no VGG tap is).</summary>
    private VggLayer? RequiredConv(VggLayer tap) =>
        VggLayout.Layers(Architecture).Take(tap.TorchvisionIndex + 1).LastOrDefault(l => l.Kind == VggLayerKind.Conv);
}
