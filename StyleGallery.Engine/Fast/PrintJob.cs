using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// A fast-style picture at print size (<see cref="PrintRequest"/>), as a durable long job: painted in tiles when it is
/// larger than <see cref="PrintRequest.MaxCore"/>² or does not fit the memory limit whole (<see cref="TiledStylizer"/>),
/// written to the request's file, and handed back at screen size. Not interactive on purpose: each tile run is reported
/// as progress, and the engine runs the one-click pictures and camera frames waiting then before the next tile, so a
/// print of minutes holds nobody's picture up for longer than a tile, and a print that would fit in memory whole is
/// still tiled, lest it hold them up for the whole painting. After a restart it paints again from the photo (a tile's work is seconds, not worth a
/// checkpoint), unless the file is there already: written atomically, a file with the name is a finished print, so a
/// job whose process died after writing it is not painted twice.
/// </summary>
public sealed class PrintJob(FastStylizer stylizer, PrintRequest request) : EngineJob<RgbImage>
{
    public override string Kind => "print";

    public override string Description => $"Print of fast style '{request.StyleId}', {request.LongSide} px on the longest side";

    public override RgbImage Run(JobContext context)
    {
        if (File.Exists(request.Output))
        {
            context.Report(1, 1, message: "Done");
            // The engine's own file: no upload limit on its bytes.
            var written = File.ReadAllBytes(request.Output);
            return ScreenView(ImageDecoder.DecodeToFit(written, PrintRequest.ScreenSide, ImageLimits.Poster with { MaxBytes = written.Length }));
        }
        context.Report(0, 0, message: "Reading the photo");
        RgbImage? photo = ImageDecoder.DecodeToFit(request.Photo, request.LongSide, request.PhotoLimits);
        context.Cancellation.ThrowIfCancellationRequested();
        var progress = new Progress(context);
        // Not remembered: a print is not repainted at another strength, and it would push out the one-click pictures.
        var options = OptionsFor(photo.Width, photo.Height, request);
        var painted = stylizer.Stylize(photo, request.StyleId, options, remember: false, camera: null, progress.Tile, context.Cancellation);
        context.Cancellation.ThrowIfCancellationRequested();
        // As the CLI's poster: the photo is garbage now, and collected before a JPEG's RGBA copy is made, which the GC
        // would not see coming (Skia's buffers are native), so the peak is the painting's, not the photo's on top.
        photo = null;
        GC.Collect();
        progress.Writing();
        ImageFiles.WriteAtomically(painted, request.Output, EncodedFormats.FromExtension(request.Output));
        var view = ScreenView(painted);
        progress.Done();
        return view;
    }

    /// <summary>
    /// The request's photo's size as it would be printed, read from its header: a refusal for a file that is too large
    /// or declares too many pixels (a decompression bomb), or is no picture; never larger than the photo itself.
    /// </summary>
    /// <exception cref="ImageDecodeException">The photo cannot be read, or is beyond <see cref="PrintRequest.PhotoLimits"/>.</exception>
    public static (int Width, int Height) PrintSizeOf(PrintRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = ImageDecoder.Probe(request.Photo, request.PhotoLimits);
        return ImageResizer.ScaledSize(header.UprightWidth, header.UprightHeight, request.LongSide);
    }

    /// <summary>
    /// The options a <paramref name="width"/> × <paramref name="height"/> print is painted with: the request's, with tiles
    /// of at most <see cref="PrintRequest.MaxCore"/> when the picture is larger than that square and its look forces no
    /// tile (the memory limit's own tiles when they are smaller), and their exact statistics in the streaming passes.
    /// </summary>
    public static FastStyleOptions OptionsFor(int width, int height, PrintRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.PaintOptions;
        if (options.Tile is not null || (long)width * height <= (long)request.MaxCore * request.MaxCore) return options;
        var byMemory = TileSizing.CoreFor(width, height, options);
        // Exact statistics in the streaming passes, one tile run at a time: in lock-step they would be one piece of about
        // 1.6 times the whole picture's work, longer than painting it whole.
        return options with { Tile = byMemory == 0 ? request.MaxCore : Math.Min(byMemory, request.MaxCore), ExactInLockStep = false };
    }

    private static RgbImage ScreenView(RgbImage picture) => ImageResizer.FitWithin(picture, PrintRequest.ScreenSide);

    /// <summary>
    /// Turns tile runs into the job's steps: "Painting tile 3 of 16" once the statistics are known, the statistics runs
    /// before; one more step is the file. The total counts the runs, so the bar moves at the pace of the work.
    /// </summary>
    private sealed class Progress(JobContext context)
    {
        private TileProgress? _last;

        public void Tile(TileProgress tile)
        {
            _last = tile;
            var statisticsRuns = tile.Total - tile.Tiles;
            var message = tile.Stage == "painting"
                ? $"Painting tile {tile.Done - statisticsRuns} of {tile.Tiles}"
                : $"Measuring the whole picture: run {tile.Done} of {statisticsRuns}";
            context.Report(tile.Done, tile.Total + 1, message: message);
        }

        /// <summary>A picture small enough to paint whole reported no tile: its one step is the whole painting.</summary>
        private int Painted => _last?.Total ?? 1;

        public void Writing() => context.Report(Painted, Painted + 1, message: "Writing the file");

        public void Done() => context.Report(Painted + 1, Painted + 1, message: "Done");
    }
}
