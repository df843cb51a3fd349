using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using StyleGallery.Cluster.Messaging;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Storage;

namespace StyleGallery.Cluster.Workers;

/// <summary>
/// An engine worker: the engine of this process (one device) behind the broker. It takes durable jobs from the job
/// lane one at a time (the broker holds each until its job has ended, so a worker that dies gives it back), answers
/// the interactive lane alongside (the engine runs those between two steps of the long job), cancels what the control
/// exchange says, and sends every state of its durable jobs to the web nodes, with the newest preview written to the
/// shared file store first.
/// </summary>
public sealed class EngineWorker(
    StyleGalleryEngine engine, RabbitMqBus bus, JobPictures pictures, IJobStore store, ClusterMetrics metrics, ILogger<EngineWorker> logger)
    : BackgroundService
{
    /// <summary>How long a job whose store could not be read waits before it goes back to the queue.</summary>
    private static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, int> _previewsWritten = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the worker takes jobs and cancellations (tests and health wait for it).</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ConnectAsync(stoppingToken);
        var forwarding = ForwardStatesAsync(stoppingToken);
        await bus.SubscribeControlAsync(OnControlAsync, stoppingToken);
        await bus.ConsumeInteractiveAsync(PaintAsync, stoppingToken);
        await bus.ConsumeJobsAsync((message, lost) => RunAsync(message.JobId, lost, stoppingToken), stoppingToken);
        logger.LogInformation("Engine worker ready on {Device}", engine.Runtime.Device.type);
        _ready.TrySetResult();
        await forwarding;
    }

    /// <summary>Waits for the broker at start (a cluster's processes start in any order); later drops recover by themselves.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks)))
        {
            try
            {
                await bus.ConnectAsync(ct);
                return;
            }
            catch (EngineUnavailableException e)
            {
                logger.LogWarning("The broker is not reachable yet ({Message}); trying again in {Delay}", e.InnerException?.Message, delay);
                await Task.Delay(delay, ct);
            }
        }
    }

    /// <summary>
    /// Runs one durable job; true when it has ended (or there was nothing to run), false to give it back to the queue:
    /// when this worker stops or loses the broker (the broker gives it to another worker anyway), or the store is down.
    /// </summary>
    private async Task<bool> RunAsync(string jobId, CancellationToken lost, CancellationToken stopping)
    {
        using var handBack = CancellationTokenSource.CreateLinkedTokenSource(lost, stopping);
        using var running = metrics.Running("durable");
        logger.LogInformation("Running job {JobId}", jobId);
        try
        {
            if (await store.FindAsync(jobId, handBack.Token) is { Status: JobStatus.Queued } row) metrics.QueueWait(DateTimeOffset.UtcNow - row.CreatedAt);
            var ended = await engine.RunStoredAsync(jobId, handBack.Token);
            if (handBack.IsCancellationRequested) return false;
            if (ended is not null) await TellAsync(new JobChanged(ended));
            // Deleted while it ran: the run may have written pictures after the owner's delete removed them.
            if (await store.FindAsync(jobId, CancellationToken.None) is null) await pictures.DeleteAsync(jobId, CancellationToken.None);
            return true;
        }
        catch (OperationCanceledException) when (handBack.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} could not be run here; it goes back to the queue", jobId);
            await Task.Delay(StoreRetryDelay, CancellationToken.None);
            return false;
        }
    }

    private async Task<Painted> PaintAsync(ClusterMessage request, CancellationToken lost)
    {
        using var running = metrics.Running("interactive");
        try
        {
            return request switch
            {
                PaintPhoto photo => new Painted(Picture: await engine.StylizeAsync(photo.Request, lost)),
                PaintFrame frame => new Painted(Frame: await engine.StylizeFrameAsync(frame.Request, lost)),
                _ => new Painted(Refusal: new Refusal(RefusalKind.Request, [$"This engine cannot answer a {request.GetType().Name}."])),
            };
        }
        catch (EngineRequestException e)
        {
            return new Painted(Refusal: new Refusal(RefusalKind.Request, e.Problems));
        }
        catch (QueueFullException e)
        {
            return new Painted(Refusal: new Refusal(RefusalKind.Busy, [e.Message]));
        }
        catch (ModelInstallException e)
        {
            return new Painted(Refusal: new Refusal(RefusalKind.ModelMissing, [e.Message]));
        }
        catch (JobFailedException e)
        {
            return new Painted(Refusal: new Refusal(e.Status == JobStatus.Cancelled ? RefusalKind.Cancelled : RefusalKind.Failed, [e.Message]));
        }
        catch (DecodeBusyException e)
        {
            return new Painted(Refusal: new Refusal(RefusalKind.Busy, [e.Message]));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An answer in every case: the asker waits for one until its timeout otherwise.
            logger.LogError(e, "An interactive request failed");
            return new Painted(Refusal: new Refusal(RefusalKind.Failed, ["The painting failed."]));
        }
    }

    private async Task OnControlAsync(ClusterMessage message)
    {
        if (message is ForgetTrainedStyle forget)
        {
            engine.ForgetTrainedNetwork(forget.StyleId);
            return;
        }
        if (message is not CancelJob cancel || !JobIds.IsValid(cancel.JobId)) return;
        if (cancel.Forget) await engine.DeleteAsync(cancel.JobId);
        else await engine.CancelAsync(cancel.JobId);
    }

    /// <summary>Every state of every durable job to the web nodes, a newer preview written to the file store before its state goes.</summary>
    private async Task ForwardStatesAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var state in engine.WatchAllAsync(ct))
            {
                if (state.Kind == JobKind.Fast) continue;
                if (state.PreviewVersion > _previewsWritten.GetValueOrDefault(state.Id) && await engine.PreviewAsync(state.Id, ct) is { } png)
                {
                    await pictures.SavePreviewAsync(state.Id, png, ct);
                    _previewsWritten[state.Id] = state.PreviewVersion;
                }
                if (state.IsFinished) _previewsWritten.TryRemove(state.Id, out _);
                await TellAsync(new JobChanged(state));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Best effort: while the broker is away, states are dropped; the web nodes read the rows when it is back.</summary>
    private async Task TellAsync(ClusterMessage message)
    {
        try
        {
            await bus.PublishEventAsync(message);
        }
        catch (EngineUnavailableException)
        {
            logger.LogDebug("Dropped a job event while the broker is away");
        }
    }
}
