using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Hosting;

/// <summary>
/// What a host that queues durable jobs for engine workers checks before it queues one, so a request that cannot run
/// is refused to its asker, as the engine in this process refuses it, instead of failing later on a worker: the
/// pictures decode, the options' <c>Problems()</c>, the styles exist, the models are installed (into the shared folder).
/// What only building the job can find (a loss network's layers) still fails the job on the worker, with its reason.
/// </summary>
public static class JobRequestCheck
{
    /// <exception cref="EngineRequestException">The request is invalid; the message says why, every problem listed.</exception>
    /// <exception cref="Models.ModelInstallException">A model the job needs is not installed and could not be.</exception>
    public static async Task CheckAsync(this StyleCatalogue catalogue, JobRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.JobId is { } proposed && !JobIds.IsValid(proposed))
            throw new EngineRequestException("A job id is 22 characters of base64url.");
        try
        {
            await CheckKindAsync(catalogue, request, ct);
        }
        catch (Exception e) when (e is InvalidUserStyleException or VideoException or KeyNotFoundException or ImageDecodeException
                                      || (e is ArgumentException && e is not EngineRequestException))
        {
            throw new EngineRequestException(catalogue.Settings.FullPathsInMessages ? e.Message : MessagePaths.ToFileNames(e.Message), e);
        }
    }

    private static async Task CheckKindAsync(StyleCatalogue catalogue, JobRequest request, CancellationToken ct)
    {
        switch (request)
        {
            case OptimiseRequest optimise:
                ImageDecoder.DecodeToFit(optimise.Photo, Math.Clamp(optimise.Options.MaxSide, GatysOptions.MinSide, GatysOptions.MaxSideLimit), ImageLimits.Default with { MaxBytes = optimise.MaxUploadBytes });
                var styles = optimise.Styles.Select(s => new StyleInput(ImageDecoder.Decode(s.Image), s.Weight)).ToList();
                Refuse(optimise.Options.Problems(styles));
                await catalogue.EnsureLossNetworkAsync(optimise.Options.Network, ct);
                break;
            case TrainRequest train:
                Refuse(train.Training.Options.Problems());
                UserStyles.CheckId(train.StyleId);
                if (catalogue.Catalog.Contains(train.StyleId))
                    throw new InvalidUserStyleException($"'{train.StyleId}' is the id of a catalogue model; choose another id for your style.");
                await catalogue.EnsureLossNetworkAsync(train.Training.Options.Layers?.Architecture ?? VggArchitecture.Vgg19, ct);
                break;
            case VideoRequest video:
                Refuse(video.Options.Problems());
                VideoContainer.ForPath(video.Output);
                FfmpegTools.Locate(catalogue.Settings.FfmpegDirectory);
                if (catalogue.FastStyle(video.StyleId).Origin == FastStyleOrigin.Catalogue) await catalogue.EnsureInstalledAsync(video.StyleId, null, ct);
                break;
            case DistillRequest distill:
                if (catalogue.CheckDistillation(distill, fresh: true) is { Origin: FastStyleOrigin.Catalogue } teacher)
                    await catalogue.EnsureInstalledAsync(teacher.Id, null, ct);
                break;
            case PrintRequest print:
                Refuse(print.Problems());
                StyleGalleryEngine.CheckPrintPhoto(print);
                if (catalogue.FastStyle(print.StyleId).Origin == FastStyleOrigin.Catalogue) await catalogue.EnsureInstalledAsync(print.StyleId, null, ct);
                break;
            default:
                throw new EngineRequestException($"This engine cannot run a {request.GetType().Name}.");
        }
    }

    private static void Refuse(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0) throw new EngineRequestException(problems);
    }
}
