using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Fast;

/// <summary>One photo through one fast style network, as a job on the engine's thread.</summary>
/// <param name="transient">A camera frame: forgotten once its picture is handed over (<see cref="IEngineJob.Transient"/>).</param>
/// <param name="camera">The camera a transient frame comes from, to follow its motion (<see cref="FastStylizer.StylizeFrame"/>).</param>
/// <param name="onTile">Told of every tile run of a picture painted in tiles, besides the job's own progress.</param>
/// <param name="sequence">The frame's number in its camera (<see cref="CameraStream.Next"/>).</param>
public sealed class FastStyleJob(FastStylizer stylizer, RgbImage content, string styleId, FastStyleOptions options, bool transient = false, CameraStream? camera = null,
    Action<TileProgress>? onTile = null, long? sequence = null)
    : EngineJob<RgbImage>
{
    public override string Kind => "fast";

    public override bool Interactive => true;

    public override bool Transient => transient;

    public override string Description => $"Fast style '{styleId}' on a {content.Width}×{content.Height} photo";

    public override RgbImage Run(JobContext context)
    {
        context.Report(0, 1, message: "Stylising");
        // A transient picture (a frame, or a photo handed straight back) is not kept for another strength.
        var result = stylizer.Stylize(content, styleId, options, remember: !transient, camera, tile => Report(context, tile), context.Cancellation, sequence);
        context.Report(1, 1, message: "Done");
        return result;
    }

    private void Report(JobContext context, TileProgress tile)
    {
        context.Report(tile.Done, tile.Total + 1, message: $"Tile run {tile.Done} of {tile.Total} ({tile.Stage}, {tile.Tiles} tiles)");
        onTile?.Invoke(tile);
    }
}
