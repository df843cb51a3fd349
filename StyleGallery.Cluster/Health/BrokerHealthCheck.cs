using Microsoft.Extensions.Diagnostics.HealthChecks;
using StyleGallery.Cluster.Messaging;

namespace StyleGallery.Cluster.Health;

/// <summary>Whether this process is connected to the queue server now.</summary>
public sealed class BrokerHealthCheck(RabbitMqBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bus.IsConnected ? HealthCheckResult.Healthy("connected") : HealthCheckResult.Unhealthy("not connected to the queue server"));
}
