namespace StyleGallery.Engine.Networks;

/// <summary>What one step of the VGG feature stack does.</summary>
public enum VggLayerKind { Conv, Relu, Pool }

/// <summary>One step of the feature stack: its tap name, its torchvision <c>features</c> index, and its block/position.</summary>
public sealed record VggLayer(string Name, VggLayerKind Kind, int TorchvisionIndex, int Block, int Position, int InChannels, int OutChannels);

/// <summary>
/// The VGG feature stacks built from a configuration table (convolutions per block), as torchvision and
/// dotnet/TorchSharpExamples do: every convolution is followed by a ReLU, every block by a pooling layer.
/// </summary>
public static class VggLayout
{
    private static readonly int[] Channels = [64, 128, 256, 512, 512];

    /// <summary>Convolutions per block.</summary>
    public static IReadOnlyList<int> BlockSizes(VggArchitecture architecture) => architecture switch
    {
        VggArchitecture.Vgg16 => [2, 2, 3, 3, 3],
        VggArchitecture.Vgg19 => [2, 2, 4, 4, 4],
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown VGG architecture."),
    };

    /// <summary>Every layer in forward order: conv1_1, relu1_1, conv1_2, relu1_2, pool1, conv2_1, …</summary>
    public static IReadOnlyList<VggLayer> Layers(VggArchitecture architecture)
    {
        var layers = new List<VggLayer>();
        var inChannels = 3;
        var blocks = BlockSizes(architecture);
        for (var block = 1; block <= blocks.Count; block++)
        {
            var outChannels = Channels[block - 1];
            for (var position = 1; position <= blocks[block - 1]; position++)
            {
                layers.Add(new VggLayer($"conv{block}_{position}", VggLayerKind.Conv, layers.Count, block, position, inChannels, outChannels));
                layers.Add(new VggLayer($"relu{block}_{position}", VggLayerKind.Relu, layers.Count, block, position, outChannels, outChannels));
                inChannels = outChannels;
            }
            layers.Add(new VggLayer($"pool{block}", VggLayerKind.Pool, layers.Count, block, 0, outChannels, outChannels));
        }
        return layers;
    }

    /// <summary>The layer with this tap name, or an exception listing the valid names.</summary>
    public static VggLayer Find(VggArchitecture architecture, string name) =>
        Layers(architecture).FirstOrDefault(l => l.Name == name)
        ?? throw new UnknownVggLayerException(
            $"{architecture} has no layer '{name}'. Valid names: {string.Join(", ", Layers(architecture).Select(l => l.Name))}.");

    /// <summary>The name of a convolution's weight or bias tensor under a naming convention.</summary>
    public static string TensorName(VggLayer conv, VggNaming naming, string part) => naming switch
    {
        VggNaming.Caffe => $"{conv.Name}.{part}",
        VggNaming.Torchvision => $"features.{conv.TorchvisionIndex}.{part}",
        _ => throw new ArgumentOutOfRangeException(nameof(naming), naming, "Unknown naming."),
    };

    /// <summary>A layer's feature-map size for an H×W input: each pooling before (or at) it halves, rounding down.</summary>
    public static (long Height, long Width) SpatialSize(VggLayer layer, long height, long width)
    {
        var pools = Poolings(layer);
        return (height >> pools, width >> pools);
    }

    /// <summary>
    /// How far one position of <paramref name="layer"/> reaches into the input picture: position p of its feature map
    /// depends on input pixels [Stride·p − Before, Stride·p + After] and on no others (3×3 convolutions with a pixel of
    /// padding, 2×2 poolings of stride 2, as <see cref="VggFeatures"/> runs them). For relu5_1: 70 before, 85 after,
    /// stride 16 — a receptive field of 156 px.
    /// </summary>
    public static (int Before, int After, int Stride) InputReach(VggArchitecture architecture, VggLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var (before, after, stride) = (0, 0, 1);
        foreach (var step in Layers(architecture).Take(layer.TorchvisionIndex + 1))
        {
            if (step.Kind == VggLayerKind.Conv) { before += stride; after += stride; }
            else if (step.Kind == VggLayerKind.Pool) { after += stride; stride *= 2; }
        }
        return (before, after, stride);
    }

    /// <summary>The number of poolings before (or at) <paramref name="layer"/>: its feature map is 2^that smaller than the input.</summary>
    public static int Poolings(VggLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer.Kind == VggLayerKind.Pool ? layer.Block : layer.Block - 1;
    }
}
