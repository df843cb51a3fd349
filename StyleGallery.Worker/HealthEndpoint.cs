using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StyleGallery.Worker;

/// <summary>
/// <c>GET /healthz</c> on <see cref="WorkerSettings.HealthUrl"/>, from the registered health checks: 200 when every one
/// is healthy, else 503, with each check's status as JSON. An HttpListener, because a worker has no web server.
/// </summary>
public sealed class HealthEndpoint(WorkerSettings settings, HealthCheckService health, ILogger<HealthEndpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.HealthUrl is not { } prefix) return;
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix.EndsWith('/') ? prefix : prefix + "/");
        listener.Start();
        await using var stop = stoppingToken.Register(listener.Stop);
        logger.LogInformation("Health at {Prefix}healthz", prefix);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await AnswerAsync(context, stoppingToken);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken ct)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath != "/healthz")
        {
            response.StatusCode = 404;
            return;
        }
        var report = await health.CheckHealthAsync(ct);
        response.StatusCode = report.Status == HealthStatus.Healthy ? 200 : 503;
        response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        };
        await JsonSerializer.SerializeAsync(response.OutputStream, body, cancellationToken: ct);
    }
}
