using System.Text.Json.Serialization;

namespace StyleGallery.Engine.Models;

/// <summary>What a weight file is for.</summary>
public enum ModelKind
{
    /// <summary>A classifier whose activations define content and style losses (Gatys et al. 2016).</summary>
    [JsonStringEnumMemberName("loss-network")] LossNetwork,

    /// <summary>A feed-forward transformation network trained for one style (Johnson et al. 2016).</summary>
    [JsonStringEnumMemberName("fast-style")] FastStyle,

    /// <summary>A picture of a painting: a style for optimisation, and the card of the fast styles that imitate it.</summary>
    [JsonStringEnumMemberName("painting")] Painting,
}

/// <summary>How a weight file names its tensors.</summary>
public enum WeightNaming
{
    /// <summary>VGG layers by block: <c>conv1_1.weight</c> … <c>conv5_4.bias</c>.</summary>
    [JsonStringEnumMemberName("caffe")] Caffe,

    /// <summary>VGG layers by index in torchvision's <c>features</c> Sequential: <c>features.0.weight</c> ….</summary>
    [JsonStringEnumMemberName("torchvision")] Torchvision,

    /// <summary>The transformation network's own names: <c>conv1.weight</c>, <c>in1.bias</c>, <c>res1.conv1.weight</c> ….</summary>
    [JsonStringEnumMemberName("transformer-net")] TransformerNet,
}

/// <summary>Where a weight file can be fetched from, and in which form.</summary>
public enum SourceFormat
{
    /// <summary>The safetensors file itself: its SHA-256 is the entry's.</summary>
    [JsonStringEnumMemberName("safetensors")] Safetensors,

    /// <summary>
    /// An ml5 style-transfer checkpoint folder (<c>manifest.json</c> plus one raw float32 file per TensorFlow
    /// variable), converted by <see cref="Ml5CheckpointImporter"/>.
    /// </summary>
    [JsonStringEnumMemberName("ml5-checkpoint")] Ml5Checkpoint,

    /// <summary>Any other file (a painting's picture) taken byte for byte: its SHA-256 is the entry's.</summary>
    [JsonStringEnumMemberName("file")] File,
}

/// <summary>
/// The input a network was trained on: pixels scaled to 0..<see cref="InputScale"/>, then per-channel (RGB)
/// <c>(x - mean) / std</c> in that scale.
/// </summary>
public sealed record WeightConventions(WeightNaming Naming, double InputScale, IReadOnlyList<double> Mean, IReadOnlyList<double> Std);

/// <summary>
/// A public place to fetch a model from. <see cref="Sha256"/> is the SHA-256 of the file the source yields after
/// conversion, when that differs from the entry's (an ml5 checkpoint converts to a file of our own layout).
/// </summary>
public sealed record ModelSource(string Url, SourceFormat Format, string? Sha256 = null);

/// <summary>The painting a style network imitates, or that a painting entry pictures.</summary>
/// <param name="Image">For a fast style: the id of the catalogue's <see cref="ModelKind.Painting"/> entry holding its picture.</param>
public sealed record Painting(string Title, string Artist, string? Year, string? Image = null);

/// <summary>One model (or painting) of the catalogue: what it is, where it may be fetched and how to check the bytes.</summary>
/// <param name="Architecture">The network's design (<c>vgg19</c>, <c>transformer-net</c>); null for paintings.</param>
/// <param name="DeepestLayer">For partial loss networks, the deepest layer whose weights are present.</param>
/// <param name="MirrorPath">
/// Path relative to the models folder once installed, and to a local mirror folder; a painting is looked up in a
/// mirror's folder of paintings by <paramref name="FileName"/> alone.
/// </param>
/// <param name="SizeBytes">Null where no exact size is published; the SHA-256 still decides.</param>
/// <param name="Sha256">Lower-case hex; null only for entries marked <paramref name="AllowUnverified"/>.</param>
/// <param name="Conventions">The input a network expects; null for paintings.</param>
public sealed record ModelEntry(
    string Id,
    ModelKind Kind,
    string Title,
    string? Architecture,
    string? DeepestLayer,
    string FileName,
    long? SizeBytes,
    string? Sha256,
    string MirrorPath,
    WeightConventions? Conventions,
    string Licence,
    string Attribution,
    string? Provenance,
    Painting? Painting,
    IReadOnlyList<ModelSource> Sources,
    bool AllowUnverified = false)
{
    /// <summary>The SHA-256 a file from this source must have once converted.</summary>
    public string? ExpectedSha256(ModelSource source) => source.Sha256 ?? Sha256;

    /// <summary>Every SHA-256 an installed copy may legitimately have (the canonical file, or a converted source).</summary>
    public IEnumerable<string> AcceptedSha256s() =>
        new[] { Sha256 }.Concat(Sources.Select(s => s.Sha256)).OfType<string>().Distinct();
}
