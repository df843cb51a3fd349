namespace StyleGallery.Worker;

/// <summary>Section <c>StyleGallery:Worker</c>: where the worker answers its health and metrics (no web server here).</summary>
public sealed record WorkerSettings
{
    public const string Section = "StyleGallery:Worker";

    /// <summary>An http:// prefix ("http://127.0.0.1:7101/") whose <c>/healthz</c> says whether the database, the queue and the device are usable; null: none.</summary>
    public string? HealthUrl { get; init; }

    /// <summary>An http:// prefix whose <c>/metrics</c> is the OpenTelemetry metrics for Prometheus; null: none.</summary>
    public string? MetricsUrl { get; init; }
}
