using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast;

/// <summary>Reads one network file for inference: frozen, in eval mode, in <paramref name="precision"/>, on <paramref name="device"/>.</summary>
public delegate TransformerNet FastNetworkLoader(string path, Device? device, ScalarType precision);

/// <summary>
/// A style's network file and the reader that understands its layout: the pretrained networks' own names
/// (<see cref="TransformerNet.FromPretrained"/>) or a layout of ours that records its architecture.
/// </summary>
public sealed record FastNetworkSource(string Path, FastNetworkLoader Load)
{
    public static FastNetworkSource Pretrained(string path) => new(path, TransformerNet.FromPretrained);
}
