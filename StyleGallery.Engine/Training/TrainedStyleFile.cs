using System.Text.Json;
using System.Text.Json.Serialization;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using StyleGallery.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>What a trained network's file says about itself (its safetensors <c>__metadata__</c>).</summary>
/// <param name="StyleImage">The painting's file name; for a distilled network, its teacher's style id.</param>
/// <param name="Teacher">The style id of the full network a lite one was distilled from (null: trained from a painting).</param>
public sealed record TrainedStyleInfo(
    string StyleImage,
    TransformerNetOptions Network,
    TrainingOptions Settings,
    string LossLayers,
    int Steps,
    IReadOnlyList<LossRecord> LossCurve,
    string? Teacher = null);

/// <summary>
/// Trained networks and checkpoints as safetensors: the network's state under <c>net.</c>, in checkpoints also
/// Adam's moments under <c>adam.</c>, and the settings, style image and loss curve as JSON metadata. <c>architecture</c>
/// ("full" or "lite", <see cref="LiteNetwork.ArchitectureOf"/>) and, for a distilled network, <c>teacher</c> say what it is
/// at a glance; the <c>network</c> options are what the loader builds.
/// </summary>
public static class TrainedStyleFile
{
    public const string Format = "stylegallery-fast-style-v1";
    /// <summary>The <see cref="TrainedStyleInfo.LossLayers"/> of a distilled network: no loss network, pixels.</summary>
    public const string DistilledLoss = "pixel L1 to the teacher";

    private const string NetPrefix = "net.";
    private const string AdamPrefix = "adam.";
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Writes the network (and, for a checkpoint, the optimiser) atomically.</summary>
    public static void Save(string path, TransformerNet net, TrainedStyleInfo info, ParameterAdam? optimizer = null)
    {
        var tensors = NetworkState.Of(net).ToDictionary(kv => NetPrefix + kv.Key, kv => kv.Value);
        if (optimizer is not null) foreach (var (name, t) in optimizer.State()) tensors[AdamPrefix + name] = t;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["style_image"] = info.StyleImage,
            ["network"] = JsonSerializer.Serialize(info.Network, Json),
            ["settings"] = JsonSerializer.Serialize(info.Settings, Json),
            ["loss_layers"] = info.LossLayers,
            ["steps"] = info.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["adam_steps"] = (optimizer?.StepCount ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["loss_curve"] = JsonSerializer.Serialize(info.LossCurve, Json),
            ["architecture"] = LiteNetwork.ArchitectureOf(info.Network),
        };
        if (info.Teacher is { } teacher) metadata["teacher"] = teacher;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        SafeTensorsFile.Save(path, tensors, metadata);
    }

    /// <summary>Reads the metadata only.</summary>
    /// <exception cref="InvalidCheckpointException">Not a file this project trained.</exception>
    public static TrainedStyleInfo ReadInfo(string path) => ReadInfo(Open(path), path);

    /// <summary>
    /// A trained network ready for inference: frozen, in eval mode, in <paramref name="precision"/>, on <paramref name="device"/>.
    /// Its architecture (normalisation, width, up-sampling, residual blocks: full or lite) comes from the file's metadata.
    /// Fits <see cref="FastNetworkLoader"/>.
    /// </summary>
    public static TransformerNet LoadNetwork(string path, Device? device = null, ScalarType precision = ScalarType.Float32)
    {
        var file = Open(path);
        var info = ReadInfo(file, path);
        var net = new TransformerNet(info.Network);
        RestoreNetwork(net, file, path);
        net.to(precision).to(device ?? CPU);
        foreach (var parameter in net.parameters()) parameter.requires_grad = false;
        net.eval();
        return net;
    }

    /// <summary>Puts a checkpoint's weights into <paramref name="net"/> and its moments into <paramref name="optimizer"/>.</summary>
    public static TrainedStyleInfo Resume(string path, TransformerNet net, ParameterAdam optimizer)
    {
        var file = Open(path);
        var info = ReadInfo(file, path);
        if (info.Network != net.Options)
            throw new InvalidCheckpointException($"{path}: the checkpoint is a {Describe(info.Network)} network; these settings make a {Describe(net.Options)} one.");
        RestoreNetwork(net, file, path);
        var adamSteps = int.Parse(file.Metadata.GetValueOrDefault("adam_steps", "0"), System.Globalization.CultureInfo.InvariantCulture);
        if (!file.Contains(AdamPrefix + "m." + net.named_parameters().First().name))
            throw new InvalidCheckpointException($"{path}: holds no optimiser state; it is a finished network, not a checkpoint.");
        optimizer.Restore(name => file.Read(AdamPrefix + name), adamSteps);
        return info;
    }

    private static string Describe(TransformerNetOptions o) =>
        $"{o.Normalization}-norm, {o.Upsampling}, {o.Width}-width, {o.ResidualBlocks}-block {o.ResidualConvolution}-residual";

    private static void RestoreNetwork(TransformerNet net, SafeTensorsFile file, string path) =>
        NetworkState.Restore(net, name => file.Contains(NetPrefix + name) ? file.Read(NetPrefix + name) : null, path);

    private static SafeTensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No trained network at '{path}'.", path);
        return SafeTensorsFile.Open(path);
    }

    private static TrainedStyleInfo ReadInfo(SafeTensorsFile file, string path)
    {
        var m = file.Metadata;
        if (m.GetValueOrDefault("format") != Format) throw new InvalidCheckpointException($"{path}: not a network trained by StyleGallery (format '{m.GetValueOrDefault("format")}').");
        try
        {
            return new TrainedStyleInfo(
                m.GetValueOrDefault("style_image", ""),
                JsonSerializer.Deserialize<TransformerNetOptions>(m["network"], Json)!,
                JsonSerializer.Deserialize<TrainingOptions>(m["settings"], Json)!,
                m.GetValueOrDefault("loss_layers", ""),
                int.Parse(m["steps"], System.Globalization.CultureInfo.InvariantCulture),
                JsonSerializer.Deserialize<List<LossRecord>>(m["loss_curve"], Json)!,
                m.GetValueOrDefault("teacher"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException)
        {
            throw new InvalidCheckpointException($"{path}: unreadable training metadata ({e.Message}).");
        }
    }
}
