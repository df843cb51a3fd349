using System.Diagnostics.Metrics;
using StyleGallery.Engine.Client;

namespace StyleGallery.Cluster;

/// <summary>
/// The cluster's OpenTelemetry metrics (meter <see cref="MeterName"/>), exported on each process's Prometheus endpoint:
/// jobs running per lane, job duration, queue wait, and the previews a node dropped because newer ones had come.
/// </summary>
public sealed class ClusterMetrics : IDisposable
{
    public const string MeterName = "StyleGallery.Cluster";

    private readonly Meter _meter = new(MeterName);
    private readonly UpDownCounter<int> _running;
    private readonly Counter<long> _queued;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _previewsDropped;

    public ClusterMetrics()
    {
        _running = _meter.CreateUpDownCounter<int>("stylegallery.jobs.running", description: "Jobs running on this worker, by lane.");
        _queued = _meter.CreateCounter<long>("stylegallery.jobs.queued", description: "Jobs queued through this web node, by lane.");
        _duration = _meter.CreateHistogram<double>("stylegallery.jobs.duration", "s", "How long jobs ran on this worker, by lane.");
        _queueWait = _meter.CreateHistogram<double>("stylegallery.jobs.queue_wait", "s", "How long durable jobs waited before a worker took them.");
        _previewsDropped = _meter.CreateCounter<long>("stylegallery.previews.dropped", description: "Previews a node skipped because a newer one had come.");
    }

    public void Queued(JobKind kind) => _queued.Add(1, Lane(kind));

    public void PreviewsDropped(int count) => _previewsDropped.Add(count);

    public void QueueWait(TimeSpan waited) => _queueWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("lane", "durable"));

    /// <summary>Counts a job running until the returned handle is disposed, then records its duration.</summary>
    public IDisposable Running(string lane)
    {
        var tag = new KeyValuePair<string, object?>("lane", lane);
        _running.Add(1, tag);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        return new Stopped(() =>
        {
            _running.Add(-1, tag);
            _duration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
        });
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Lane(JobKind kind) => new("lane", kind == JobKind.Fast ? "interactive" : "durable");

    private sealed class Stopped(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}
