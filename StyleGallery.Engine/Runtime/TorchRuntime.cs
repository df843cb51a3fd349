using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Runtime;

/// <summary>What the engine runs on: CUDA when the CUDA build of libtorch is referenced and a GPU exists, else CPU.</summary>
public sealed record TorchRuntime(Device Device, int Threads, string LibTorchVersion)
{
    public bool IsCuda => Device.type == DeviceType.CUDA;

    public override string ToString() => $"{Device.type} ({Threads} threads, libtorch {LibTorchVersion})";

    /// <summary>Picks the device once and logs the choice.</summary>
    public static TorchRuntime Detect(ILogger? logger = null, int? threads = null)
    {
        var device = cuda.is_available() ? CUDA : CPU;
        if (threads is > 0) set_num_threads(threads.Value);
        var runtime = new TorchRuntime(device, get_num_threads(), __version__);
        logger?.LogInformation("Engine device: {Runtime}", runtime);
        return runtime;
    }
}
