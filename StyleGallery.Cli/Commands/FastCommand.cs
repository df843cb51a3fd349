using System.CommandLine;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Cli.Commands;

/// <summary><c>stylegallery fast --style udnie --in photo.jpg --out out.png</c>, or folder to folder.</summary>
public static class FastCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new FastStyleOptions();
        var style = FastStyleArgument.Create();
        var input = new Option<string>("--in") { Description = "A photo, or a folder of photos", Required = true };
        var output = new Option<string>("--out") { Description = "Output file (.png, .jpg, .webp), or a folder when --in is one", Required = true };
        var size = new Option<int>("--size") { Description = "Longest side of the result", DefaultValueFactory = _ => defaults.MaxSide };
        var preserve = new Option<bool>("--preserve-colors") { Description = "Keep the photo's colours (luminance-only transfer)" };
        var strength = new Option<double>("--strength") { Description = "How strongly to paint: 1 the style at full strength, 0 the photo, 0.6 a mix", DefaultValueFactory = _ => defaults.Strength };
        var edges = new Option<int>("--edge-padding") { Description = "Pixels mirrored around the photo against the networks' edge band (0: off)", DefaultValueFactory = _ => defaults.EdgePadding };
        var precision = new Option<ComputePrecision>("--precision") { Description = "Compute precision", DefaultValueFactory = _ => defaults.Precision };
        var tile = new Option<int?>("--tile") { Description = "Paint in tiles of this many pixels (default: only when the picture would not fit --memory)" };
        var memory = new Option<int>("--memory") { Description = "Peak memory in MB that automatic tiling keeps within", DefaultValueFactory = _ => defaults.MemoryLimitMegabytes };
        var statistics = new Option<TileStatistics>("--tile-statistics") { Description = "Where tiles take instance-norm statistics from (docs/poster.md)", DefaultValueFactory = _ => defaults.TileStatistics };
        var engineOptions = new EngineCliOptions();
        var command = new Command("fast", "Stylise photos with a fast style network, pretrained or trained here (Johnson et al. 2016)")
        {
            style, input, output, size, preserve, strength, edges, precision, tile, memory, statistics,
        };
        engineOptions.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var options = defaults with
            {
                MaxSide = parsed.GetValue(size),
                PreserveColors = parsed.GetValue(preserve),
                Strength = parsed.GetValue(strength),
                EdgePadding = parsed.GetValue(edges),
                Precision = parsed.GetValue(precision),
                Tile = parsed.GetValue(tile),
                MemoryLimitMegabytes = parsed.GetValue(memory),
                TileStatistics = parsed.GetValue(statistics),
            };
            var request = new FastArguments(parsed.GetValue(style)!, parsed.GetValue(input)!, parsed.GetValue(output)!, options);
            return await RunAsync(console, engineOptions.Settings(parsed), request, ct);
        });
        return command;
    }

    /// <summary>
    /// A progress bar of the tile runs of a picture painted in tiles; made on the first run (a picture painted whole has
    /// none). It counts runs, not tiles: the statistics run tiles of their own, or the same tiles once per layer.
    /// </summary>
    private sealed class TileBar(CliConsole console)
    {
        private ProgressBar? _bar;

        public void Update(TileProgress tile)
        {
            _bar ??= console.Progress("tile runs", tile.Total);
            _bar.Update(tile.Done, $"{tile.Stage} ({tile.Tiles} tiles)");
        }

        public void Finish() => _bar?.Finish();
    }

    private sealed record FastArguments(string Style, string Input, string Output, FastStyleOptions Options);

    private static async Task<int> RunAsync(CliConsole console, EngineSettings settings, FastArguments request, CancellationToken ct)
    {
        // The engine's own check, before any photo is read or style installed (a batch fails once, not per photo).
        if (request.Options.Problems() is { Count: > 0 } problems) return console.Fail(ExitCodes.Usage, string.Join(Environment.NewLine + "error: ", problems));
        if (!File.Exists(request.Input) && !Directory.Exists(request.Input)) return console.Fail(ExitCodes.BadImage, $"'{request.Input}' does not exist.");
        var inputs = ImageFiles.Inputs(request.Input);
        var batch = Directory.Exists(request.Input);
        if (inputs.Count == 0) return console.Fail(ExitCodes.BadImage, $"'{request.Input}' holds no JPEG, PNG, WebP, BMP or GIF images.");
        if (!batch && !EncodedFormats.TryFromExtension(request.Output, out _))
            return console.Fail(ExitCodes.Usage, $"'{request.Output}': the output must end in .png, .jpg or .webp.");

        using var inProcess = new StyleGalleryEngine(settings);
        IStyleEngineClient engine = inProcess;
        if (FastStyleArgument.WhyNot(engine, request.Style) is { } notAStyle) return console.Fail(ExitCodes.MissingModel, notAStyle);
        try
        {
            // Installed once up front, so a style that cannot be installed is one error, not one per photo.
            if (engine.FastStyles().Single(s => s.Id == request.Style) is { Origin: FastStyleOrigin.Catalogue, IsInstalled: false })
                await engine.InstallModelAsync(request.Style, null, ct);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, $"the style '{request.Style}' is not installed and could not be installed: {e.Message}");
        }
        return await StylizeAll(console, inProcess, request, inputs, batch, ct);
    }

    private static async Task<int> StylizeAll(CliConsole console, StyleGalleryEngine engine, FastArguments request, IReadOnlyList<string> inputs, bool batch, CancellationToken ct)
    {
        var bar = batch ? console.Progress(request.Style, inputs.Count) : null;
        var failed = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            try
            {
                var target = ImageFiles.OutputFor(inputs[i], request.Output, batch);
                var tiles = batch ? null : new TileBar(console);
                var (width, height) = await engine.PaintFileAsync(inputs[i], target, request.Style, request.Options, tiles is null ? null : tiles.Update, ct);
                tiles?.Finish();
                if (!batch) console.Out.WriteLine($"wrote {target} ({width}×{height})");
            }
            catch (EngineRequestException e) when (EngineRefusals.ExitCodeOf(e) == ExitCodes.BadImage)
            {
                failed++;
                console.Error.WriteLine($"{(batch ? "\n" : "")}error: {inputs[i]}: {e.Message}");
            }
            catch (EngineRequestException e)
            {
                return EngineRefusals.Fail(console, e);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Cancelled;
            }
            catch (JobFailedException e)
            {
                return console.Fail(ExitCodes.Failed, $"{inputs[i]}: {e.Message}");
            }
            bar?.Update(i + 1);
        }
        bar?.Finish();
        if (batch) console.Out.WriteLine($"{inputs.Count - failed} of {inputs.Count} photos stylised into {request.Output}");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.BadImage;
    }
}
