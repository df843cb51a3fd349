using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using OpenTelemetry.Metrics;
using StyleGallery.Cluster;
using StyleGallery.Cluster.Health;
using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Storage;
using StyleGallery.Hosting;
using StyleGallery.Web.Hubs;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Live;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Pictures;
using StyleGallery.Web.Services.Print;
using StyleGallery.Web.Services.Setup;
using StyleGallery.Web.Services.Thumbnails;
using StyleGallery.Web.Services.Training;
using StyleGallery.Web.Services.Video;

namespace StyleGallery.Web.Extensions;

/// <summary>All of the app's wiring: services in <see cref="AddStyleGallery"/>, middleware and endpoints in <see cref="UseStyleGallery"/>.</summary>
public static class StyleGalleryExtensions
{
    public static WebApplicationBuilder AddStyleGallery(this WebApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        var web = builder.Configuration.GetSection(StyleGalleryWebOptions.Section).Get<StyleGalleryWebOptions>() ?? new StyleGalleryWebOptions();
        web = web with
        {
            DataDirectory = Path.GetFullPath(web.DataDirectory, root),
            TrainingPhotosDirectory = web.TrainingPhotosDirectory is { } t ? Path.GetFullPath(t, root) : HostPaths.DevelopmentImages("train", root),
            SamplePhotosDirectory = web.SamplePhotosDirectory is { } s ? Path.GetFullPath(s, root) : HostPaths.DevelopmentImages("content", root),
        };
        var engine = HostPaths.Resolve(
            builder.Configuration.GetSection(StyleGalleryWebOptions.Section + ":Engine").Get<EngineSettings>() ?? new EngineSettings(), web.DataDirectory, root);

        builder.AddStaticAssets();
        builder.Services.AddHtmlCompression();

        builder.Services.AddSingleton(web);
        builder.Services.AddSingleton(engine);
        // The app's own files (results, added paintings; in a cluster also the engine's job pictures) by key: the data
        // folder here, the shared mount in a cluster, an object store behind the same interface (docs/scale-out.md).
        builder.Services.AddSingleton<IFileStore>(new FolderFileStore(web.DataDirectory));
        var limits = RequestLimitSettings.From(builder.Configuration);
        builder.AddRequestLimits(limits, web);
        builder.Services.AddClientRateLimits(RateLimitSettings.From(builder.Configuration));
        builder.AddEngine(engine, web.DataDirectory);
        // First, so the schema exists and restart recovery has run before anything else starts.
        builder.Services.AddStyleGalleryDatabase(web.Database, web.DataDirectory);
        builder.Services.AddSingleton<ResultStore>();
        builder.Services.AddSingleton<PictureRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PictureRecorder>());
        builder.Services.AddSingleton<PictureOwnership>();
        builder.Services.AddSingleton<UserPaintingFiles>();
        builder.Services.AddSingleton<UserStyleService>();
        builder.Services.AddSingleton<TrainedStyleService>();
        builder.Services.AddScoped<BrowserOwner>();
        builder.Services.AddScoped<PublicLinks>();
        builder.Services.AddSingleton<PaintingFiles>();
        builder.Services.AddSingleton<ModelBootstrapper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelBootstrapper>());
        builder.Services.AddSingleton<IModelSetup>(sp => sp.GetRequiredService<ModelBootstrapper>());
        builder.Services.AddSingleton<SamplePhotos>();
        builder.Services.AddSingleton<PaintingThumbnails>();
        builder.Services.AddSingleton<SampleThumbnails>();
        builder.Services.AddSingleton<IStyleLibrary, EngineStyleLibrary>();
        builder.Services.AddSingleton<IQuickStyleService, EngineQuickStyleService>();
        builder.Services.AddSingleton<OwnerLimits>();
        builder.Services.AddSingleton<JobBudgets>();
        builder.Services.AddHostedService<OwnerLimitsRelease>();
        builder.Services.AddSingleton<LiveFrames>();
        builder.Services.AddSingleton<VideoJobs>();
        builder.Services.AddSingleton<IVideoJobs>(sp => sp.GetRequiredService<VideoJobs>());
        builder.Services.AddHostedService<VideoCleanup>();
        builder.Services.AddSingleton<PrintJobs>();
        builder.Services.AddSingleton<IPrintJobs>(sp => sp.GetRequiredService<PrintJobs>());
        builder.Services.AddSingleton<IStudioJobs, EngineStudioJobs>();
        builder.Services.AddSingleton<StyleJobStarter>();
        builder.Services.AddSingleton<ITrainingLauncher, TrainingLauncher>();
        builder.Services.AddSingleton<IDistillationLauncher, DistillationLauncher>();
        builder.Services.AddSingleton<JobNotifications>();
        builder.Services.AddSingleton<IJobNotifications>(sp => sp.GetRequiredService<JobNotifications>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobNotifications>());
        // Scripts read a job's status by name ("Succeeded"), from the hub and from GET /api/jobs/{id} alike.
        builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddHubOptions<JobsHub>(o => o.MaximumReceiveMessageSize = limits.HubMaxReceiveMessageBytes);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddHostedService<JobsHubForwarder>();
        // After every watcher of the engine's jobs has started, so each sees the resumed jobs from their first event.
        builder.Services.AddHostedService<JobRecovery>();
        builder.Services.AddSingleton(StorageSettings.From(builder.Configuration));
        builder.Services.AddSingleton<StorageQuota>();
        builder.Services.AddSingleton<StorageCleanup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StorageCleanup>());

        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(o =>
            {
                o.DisconnectedCircuitMaxRetained = limits.DisconnectedCircuitMaxRetained;
                o.DisconnectedCircuitRetentionPeriod = limits.DisconnectedCircuitRetention;
                o.MaxBufferedUnacknowledgedRenderBatches = limits.MaxBufferedUnacknowledgedRenderBatches;
            })
            .AddHubOptions(o => o.MaximumReceiveMessageSize = limits.CircuitMaxReceiveMessageBytes);
        builder.Services.AddMudServices();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// The engine behind <see cref="IStyleEngineClient"/>, as <c>StyleGallery:Engine:Mode</c> says: <c>InProcess</c> (the
    /// default: this process owns the device) or <c>Remote</c> (a web node in front of engine workers, docs/scale-out.md).
    /// The one place that names the in-process engine; everything else asks through the contract.
    /// </summary>
    /// <exception cref="InvalidOperationException">An unknown mode: fail at start, not at the first job.</exception>
    private static void AddEngine(this WebApplicationBuilder builder, EngineSettings engine, string dataDirectory)
    {
        var mode = builder.Configuration[EngineModeKey] ?? InProcessMode;
        if (string.Equals(mode, RemoteMode, StringComparison.OrdinalIgnoreCase))
        {
            var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
            builder.Services.AddRemoteEngine(cluster, engine, dataDirectory);
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ClusterMetrics.MeterName).AddPrometheusExporter());
            return;
        }
        if (!string.Equals(mode, InProcessMode, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Unknown {EngineModeKey} '{mode}'; use {InProcessMode} (the default) or {RemoteMode}.");
        // Its jobs are durable when a job store is registered.
        builder.Services.AddSingleton(sp => new StyleGalleryEngine(
            sp.GetRequiredService<EngineSettings>(), sp.GetRequiredService<ILoggerFactory>(), http: null, store: sp.GetService<IJobStore>()));
        builder.Services.AddSingleton<IStyleEngineClient>(sp => sp.GetRequiredService<StyleGalleryEngine>());
        builder.Services.AddSingleton<IJobResumption>(sp => sp.GetRequiredService<StyleGalleryEngine>());
        builder.Services.AddHealthChecks().AddCheck<JobStoreHealthCheck>("database");
    }

    private const string EngineModeKey = "StyleGallery:Engine:Mode";
    private const string InProcessMode = "InProcess";
    private const string RemoteMode = "Remote";

    /// <summary>Whether this process is a web node in front of engine workers.</summary>
    private static bool IsRemote(IConfiguration configuration) =>
        string.Equals(configuration[EngineModeKey], RemoteMode, StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseStyleGallery(this WebApplication app)
    {
        app.UseHtmlCompression(); // a first visit's pages only (docs/web-performance.md)
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.Use(NoSourceMaps);
        }
        app.UseRequestLimits();
        app.UseMiddleware<OwnerCookieMiddleware>();
        app.UseClientRateLimits();
        app.UseAntiforgery();
        app.MapStaticAssets(); // every file is in the build's manifest (StaticAssets)
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthAnswer.WriteAsync });
        // Metrics are for the operator's scraper on the node's own machine, not for visitors through the proxy.
        if (IsRemote(app.Configuration)) app.MapPrometheusScrapingEndpoint("/metrics").AddEndpointFilter(LocalOnly.Filter);
        app.MapPictureEndpoints();
        app.MapGet("/paintings/{styleId}", async (string styleId, PaintingFiles paintings, CancellationToken ct) =>
        {
            try
            {
                return await paintings.FindAsync(styleId, ct) is { } path ? Results.File(path, ContentType(path)) : Results.NotFound();
            }
            catch (ModelInstallException)
            {
                return Results.NotFound(); // the card shows its placeholder; the setup panel tells why installs fail
            }
        }).CachedFor(PictureCaching.Painting);
        app.MapGet("/samples/{name}", (string name, SamplePhotos samples) =>
            samples.PathOf(name) is { } path ? Results.File(path, ContentType(path)) : Results.NotFound()).CachedFor(PictureCaching.Sample);
        app.MapThumbnailEndpoints();
        app.MapJobEndpoints();
        app.MapLiveEndpoints();
        app.MapVideoEndpoints();
        app.MapPrintEndpoints();
        app.MapHub<JobsHub>(JobsHub.Path); // new connections are limited by RateLimiting's Connections policy
        return app;
    }

    /// <summary>
    /// Outside Development the libraries' source maps (MudBlazor ships <c>_content/MudBlazor/MudBlazor.min.js.map</c>) are
    /// 404: they are for debugging, and only describe the code to whoever reads them.
    /// </summary>
    private static Task NoSourceMaps(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/_content") && path.Value!.EndsWith(".map", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }

    /// <summary>Paintings and sample photos are pictures the decoder reads; a file without a known extension is served as bytes.</summary>
    private static string ContentType(string path) => EncodedFormats.MimeTypeOf(path) ?? "application/octet-stream";
}
