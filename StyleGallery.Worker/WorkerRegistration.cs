using OpenTelemetry.Metrics;
using StyleGallery.Cluster;
using StyleGallery.Data;
using StyleGallery.Engine.Hosting;
using StyleGallery.Hosting;

namespace StyleGallery.Worker;

/// <summary>All of the worker's wiring: the shared database, the engine on this device behind the broker, health and metrics.</summary>
public static class WorkerRegistration
{
    public static HostApplicationBuilder AddStyleGalleryWorker(this HostApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        var config = builder.Configuration;
        var dataDirectory = Path.GetFullPath(config["StyleGallery:DataDirectory"] ?? "data", root);
        var database = config.GetSection("StyleGallery:Database").Get<DatabaseSettings>() ?? new DatabaseSettings();
        var engine = HostPaths.Resolve(config.GetSection("StyleGallery:Engine").Get<EngineSettings>() ?? new EngineSettings(), dataDirectory, root);
        var cluster = config.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var worker = config.GetSection(WorkerSettings.Section).Get<WorkerSettings>() ?? new WorkerSettings();

        builder.Services.AddStyleGalleryDatabase(database, dataDirectory);
        builder.Services.AddEngineWorker(cluster, engine, dataDirectory);
        builder.Services.AddSingleton(worker);
        builder.Services.AddHostedService<HealthEndpoint>();
        if (worker.MetricsUrl is { } metrics)
        {
            var at = new Uri(metrics);
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(ClusterMetrics.MeterName)
                .AddPrometheusHttpListener(o => (o.Host, o.Port) = (at.Host, at.Port)));
        }
        return builder;
    }
}
