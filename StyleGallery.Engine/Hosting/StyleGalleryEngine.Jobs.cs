using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Hosting;

/// <summary>The jobs half of the contract: requests in, typed states and encoded pictures out.</summary>
public sealed partial class StyleGalleryEngine
{
    private const int LiveJpegQuality = 85;

    private readonly ConcurrentDictionary<string, int> _previewVersions = new(StringComparer.Ordinal);

    public async Task<string> SubmitAsync(JobRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.JobId is { } proposed && !JobIds.IsValid(proposed))
            throw new EngineRequestException("A job id is 22 characters of base64url.");
        var job = await Refusals(() => JobOfAsync(request, ct, fresh: true));
        var id = request.JobId ?? JobIds.New();
        var store = Jobs.Store;
        if (store is null) return Jobs.Submit(job, id).Id;
        await store.AddAsync(new StoredJob(id, job.Kind, JobStatus.Queued, EngineJson.Serialize(request with { JobId = id }), 0, DateTimeOffset.UtcNow), ct);
        try
        {
            return Jobs.Submit(job, id, durable: true).Id;
        }
        catch
        {
            await store.DeleteAsync(id, CancellationToken.None);
            throw;
        }
    }

    public Task<bool> CancelAsync(string jobId, CancellationToken ct = default) => Task.FromResult(Jobs.Cancel(jobId));

    public async Task<bool> DeleteAsync(string jobId, CancellationToken ct = default)
    {
        var known = Jobs.Forget(jobId);
        _previewVersions.TryRemove(jobId, out _);
        if (Jobs.Store is { } store && JobIds.IsValid(jobId)) await store.DeleteAsync(jobId, ct);
        if (_pictures is { } pictures && JobIds.IsValid(jobId)) await pictures.DeleteAsync(jobId, ct);
        return known;
    }

    public Task<JobState?> GetAsync(string jobId, CancellationToken ct = default) =>
        Task.FromResult(Jobs.Get(jobId) is { } job ? StateOf(job) : null);

    public async IAsyncEnumerable<JobState> WatchAsync(string jobId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // States are made when the event is raised, not when it is read, so a slow reader never pairs an old step
        // with a newer preview version; subscribing before reading the current state lets nothing pass unseen.
        var states = Channel.CreateUnbounded<JobState>(new UnboundedChannelOptions { SingleReader = true });
        void Forward(object? sender, JobEvent e)
        {
            if (e.Job.Id != jobId) return;
            var state = StateOf(e.Job);
            states.Writer.TryWrite(state);
            if (state.IsFinished) states.Writer.TryComplete();
        }
        Jobs.JobChanged += Forward;
        try
        {
            if (Jobs.Get(jobId) is not { } current) yield break;
            yield return StateOf(current);
            if (current.IsFinished) yield break;
            await foreach (var state in states.Reader.ReadAllAsync(ct)) yield return state;
        }
        finally
        {
            Jobs.JobChanged -= Forward;
        }
    }

    public async IAsyncEnumerable<JobState> WatchAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var states = Channel.CreateUnbounded<JobState>(new UnboundedChannelOptions { SingleReader = true });
        void Forward(object? sender, JobEvent e) => states.Writer.TryWrite(StateOf(e.Job));
        Jobs.JobChanged += Forward;
        try
        {
            await foreach (var state in states.Reader.ReadAllAsync(ct)) yield return state;
        }
        finally
        {
            Jobs.JobChanged -= Forward;
        }
    }

    public Task<byte[]?> PreviewAsync(string jobId, CancellationToken ct = default)
    {
        var picture = Jobs.Get(jobId) is { } job ? job.Result as RgbImage ?? Jobs.LatestPreview(jobId) : null;
        return Task.FromResult(picture is null ? null : ImageEncoder.Encode(picture, EncodedFormat.Png));
    }

    public Task<byte[]?> ResultAsync(string jobId, CancellationToken ct = default)
    {
        var picture = Jobs.Get(jobId) is { IsFinished: true, Result: RgbImage result } ? result : null;
        return Task.FromResult(picture is null ? null : ImageEncoder.Encode(picture, EncodedFormat.Png));
    }

    public async Task<FastPicture> StylizeAsync(FastRequest request, CancellationToken ct = default)
    {
        var options = CheckedFastOptions(request.Options);
        var photo = Decode(request.Photo, request.MaxUploadBytes, options.MaxSide);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Transient: the picture goes to the caller and nowhere else, so deleting it later leaves no copy here.
        var ticket = await Refusals(() => SubmitFastAsync(photo, request.StyleId, options, transient: true, camera: null, ct));
        var painted = await PictureOf(ticket, ct);
        return new FastPicture(ImageEncoder.Encode(painted, EncodedFormat.Png), painted.Width, painted.Height,
            ImageEncoder.Encode(photo, EncodedFormat.Png), clock.Elapsed);
    }

    public async Task<byte[]> StylizeFrameAsync(LiveFrameRequest request, CancellationToken ct = default)
    {
        var options = CheckedFastOptions(request.Options, LiveFrameRequest.MinSide, LiveFrameRequest.MaxSide) with
        {
            Precision = new FastStyleOptions().Precision,
            EdgePadding = new FastStyleOptions().EdgePadding
        };
        var frame = Decode(request.Frame, LiveFrameRequest.MaxFrameBytes, options.MaxSide);
        var camera = request.CameraKey is { } key ? Cameras.For(key) : null;
        var ticket = await Refusals(() => SubmitLiveFrameAsync(frame, request.StyleId, options, camera, request.Sequence, ct));
        return ImageEncoder.Encode(await PictureOf(ticket, ct), EncodedFormat.Jpeg, LiveJpegQuality);
    }

    /// <summary>Waits for an interactive job's picture; a caller that gives up cancels the job.</summary>
    private async Task<RgbImage> PictureOf(JobTicket ticket, CancellationToken ct)
    {
        using var cancel = ct.Register(() => Jobs.Cancel(ticket.Id));
        var job = await ticket.Completion;
        ct.ThrowIfCancellationRequested();
        if (job.Status == JobStatus.Failed) _logger.LogError("Fast style job {Job} failed: {Error}", job.Id, job.Error);
        return ResultOf<RgbImage>(job);
    }

    /// <summary>The options, once <see cref="FastStyleOptions.Problems"/> has found nothing wrong with them within the sizes the caller allows.</summary>
    private static FastStyleOptions CheckedFastOptions(FastStyleOptions options, int minSide = FastStyleOptions.MinSide, int maxSide = FastStyleOptions.MaxSideLimit)
    {
        Refuse(options.Problems(minSide, maxSide));
        return options;
    }

    /// <summary>Refuses a request whose options have problems, listing every one.</summary>
    private static void Refuse(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0) throw new EngineRequestException(problems);
    }

    /// <summary>
    /// Decodes an untrusted picture within the default pixel limits and <paramref name="maxBytes"/>, straight to the size
    /// its job works at (longer side at most <paramref name="maxSide"/>; the job would shrink it to that anyway), so a
    /// large picture costs memory for its working size only, and only while the decode budget allows.
    /// </summary>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once; left as it is for the host to answer "busy".</exception>
    private static RgbImage Decode(byte[] data, long maxBytes, int maxSide)
    {
        try
        {
            return ImageDecoder.DecodeToFit(data, Math.Max(1, maxSide), ImageLimits.Default with { MaxBytes = maxBytes });
        }
        catch (ImageDecodeException e)
        {
            throw new EngineRequestException(MessagePaths.ToFileNames(e.Message), e);
        }
    }

    /// <summary>
    /// Validates a request (its options' <c>Problems()</c>, the one check of each) and makes its job; the same code
    /// serves a new request (<paramref name="fresh"/>) and one resumed after a restart (whose style may be half made).
    /// </summary>
    private async Task<IEngineJob> JobOfAsync(JobRequest request, CancellationToken ct, bool fresh = false)
    {
        switch (request)
        {
            case OptimiseRequest optimise:
                // Only the photo, which a visitor sends, is decoded to its working size; the paintings are the host's own
                // files, and a style's size depends on its shape (GatysRun.StyleTensor), so they are decoded whole.
                var photo = Decode(optimise.Photo, optimise.MaxUploadBytes, optimise.Options.MaxSide);
                var styles = optimise.Styles.Select(s => new StyleInput(Decode(s.Image, long.MaxValue, int.MaxValue), s.Weight)).ToList();
                Refuse(optimise.Options.Problems(styles));
                return await GatysJobAsync(photo, styles, optimise.Options, ct);
            case TrainRequest train:
                Refuse(train.Training.Options.Problems());
                return await TrainingJobAsync(train.Training, train.StyleId, train.Title, ct);
            case VideoRequest video:
                Refuse(video.Options.Problems());
                return await VideoJobAsync(video.Input, video.Output, video.StyleId, video.Options, ct);
            case DistillRequest distill:
                return await DistillationJobAsync(distill, fresh, ct);
            case PrintRequest print:
                return await PrintJobAsync(print, ct);
            default:
                throw new EngineRequestException($"This engine cannot run a {request.GetType().Name}.");
        }
    }

    /// <summary>The engine's refusals of what a request asks, as one exception type whose message a person can read.</summary>
    private async Task<T> Refusals<T>(Func<Task<T>> submit)
    {
        try
        {
            return await submit();
        }
        catch (InvalidGatysOptionsException e)
        {
            throw new EngineRequestException(e.Problems.Select(Readable).ToList(), e);
        }
        catch (InvalidTrainingOptionsException e)
        {
            throw new EngineRequestException(e.Problems.Select(Readable).ToList(), e);
        }
        catch (Exception e) when (e is InvalidUserStyleException or VideoException or KeyNotFoundException
                                      || (e is ArgumentException && e is not EngineRequestException))
        {
            throw new EngineRequestException(Readable(e.Message), e);
        }
    }

    /// <summary>A message as the host may show it: without the server's folders unless the host shows paths.</summary>
    private string Readable(string message) => Settings.FullPathsInMessages ? message : MessagePaths.ToFileNames(message);

    private JobState StateOf(JobSnapshot job) => new(
        job.Id, KindOf(job.Kind), job.Status, job.QueuePosition, job.Progress, _previewVersions.GetValueOrDefault(job.Id),
        job.Attempt, job.ResumedFrom, job.Error is { } error ? Readable(error) : null, job.CreatedAt, job.StartedAt, job.FinishedAt,
        job.Warnings is { Count: > 0 } warnings ? warnings.Select(Readable).ToList() : null);

    private static JobKind KindOf(string kind) => kind switch
    {
        "gatys" => JobKind.Optimise,
        "train" => JobKind.Train,
        "video" => JobKind.Video,
        "distill" => JobKind.Distill,
        "print" => JobKind.Print,
        _ => JobKind.Fast,
    };

    /// <summary>
    /// Subscribed first, so every later subscriber sees the new version. Finished jobs' counts are dropped once the
    /// engine has forgotten the job.
    /// </summary>
    private void CountPreviews(object? sender, JobEvent e)
    {
        if (e.Kind == JobEventKind.PreviewPublished) _previewVersions.AddOrUpdate(e.Job.Id, 1, (_, v) => v + 1);
        if (e.Job.IsFinished && _previewVersions.Count > 2 * Jobs.Options.RetainedFinishedJobs)
        {
            foreach (var id in _previewVersions.Keys.Where(id => Jobs.Get(id) is null).ToList()) _previewVersions.TryRemove(id, out _);
        }
    }
}
