using Microsoft.Extensions.Diagnostics.HealthChecks;
using StyleGallery.Engine.Hosting;

namespace StyleGallery.Cluster.Health;

/// <summary>
/// Whether the worker's device computes: a one-element sum on it, off the engine thread, so a long job running there
/// neither delays the answer nor is touched by it.
/// </summary>
public sealed class DeviceHealthCheck(StyleGalleryEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var device = engine.Runtime.Device;
            using var one = TorchSharp.torch.ones(1, device: device);
            using var sum = one.sum();
            return Task.FromResult(sum.item<float>() == 1f
                ? HealthCheckResult.Healthy(device.type.ToString())
                : HealthCheckResult.Unhealthy($"{device.type} computes wrong sums"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the device does not compute", e));
        }
    }
}
