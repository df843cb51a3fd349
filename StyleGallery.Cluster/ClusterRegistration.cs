using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Cluster.Health;
using StyleGallery.Cluster.Messaging;
using StyleGallery.Cluster.Remote;
using StyleGallery.Cluster.Workers;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Storage;

namespace StyleGallery.Cluster;

/// <summary>
/// The two roles of a cluster, each in one call: a web node's remote engine (<see cref="AddRemoteEngine"/>) and an engine
/// worker (<see cref="AddEngineWorker"/>). Both need an <see cref="IJobStore"/> on the shared database, registered by
/// the host, and see the shared data folder at the same path.
/// </summary>
public static class ClusterRegistration
{
    public static IServiceCollection AddRemoteEngine(this IServiceCollection services, ClusterSettings cluster, EngineSettings engine, string dataDirectory)
    {
        AddShared(services, cluster, dataDirectory);
        services.AddSingleton(new StyleCatalogue(engine));
        services.AddSingleton<RemoteEngineClient>();
        services.AddSingleton<IStyleEngineClient>(sp => sp.GetRequiredService<RemoteEngineClient>());
        services.AddSingleton<IJobResumption>(sp => sp.GetRequiredService<RemoteEngineClient>());
        services.AddHostedService<ClusterEventListener>();
        return services;
    }

    public static IServiceCollection AddEngineWorker(this IServiceCollection services, ClusterSettings cluster, EngineSettings engine, string dataDirectory)
    {
        AddShared(services, cluster, dataDirectory);
        services.AddSingleton(sp => new StyleGalleryEngine(engine, sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance, http: null,
            store: sp.GetRequiredService<IJobStore>(), pictures: sp.GetRequiredService<JobPictures>()));
        services.AddHostedService<EngineWorker>();
        services.AddHealthChecks().AddCheck<DeviceHealthCheck>("device");
        return services;
    }

    private static void AddShared(IServiceCollection services, ClusterSettings cluster, string dataDirectory)
    {
        services.AddSingleton(cluster);
        services.AddSingleton<ClusterMetrics>();
        services.AddSingleton<RabbitMqBus>();
        // The data folder as the file store every node shares (the host may have registered it already).
        services.TryAddSingleton<IFileStore>(new FolderFileStore(dataDirectory));
        services.AddSingleton(sp => new JobPictures(sp.GetRequiredService<IFileStore>()));
        services.AddHealthChecks()
            .AddCheck<JobStoreHealthCheck>("database")
            .AddCheck<BrokerHealthCheck>("queue");
    }
}
