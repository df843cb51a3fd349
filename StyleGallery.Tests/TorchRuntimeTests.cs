using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Support;
using TorchSharp;

namespace StyleGallery.Tests;

[Collection(TorchCollection.Name)]
public class TorchRuntimeTests
{
    [Fact]
    public void Detect_picks_cpu_here_and_reports_libtorch_version()
    {
        var runtime = TorchRuntime.Detect();
        Assert.Equal(DeviceType.CPU, runtime.Device.type);
        Assert.StartsWith("2.", runtime.LibTorchVersion);
        using var x = torch.ones(2, 3);
        Assert.Equal(6f, x.sum().item<float>());
    }

    [Fact]
    public void Shared_data_is_beside_the_repository()
    {
        Assert.True(File.Exists(SharedData.Golden("fast_udnie_small_golden.safetensors")), SharedData.Root);
    }
}
