using Microsoft.Extensions.Diagnostics.HealthChecks;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Cluster.Health;

/// <summary>Whether the database that holds the job rows answers (a count of the queued rows, which every node needs anyway).</summary>
public sealed class JobStoreHealthCheck(IJobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var queued = await store.CountQueuedAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{queued} queued");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer", e);
        }
    }
}
