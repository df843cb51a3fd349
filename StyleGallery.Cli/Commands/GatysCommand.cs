using System.CommandLine;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// <c>stylegallery gatys --content c.jpg --style s.jpg --out out.png</c>: a Gatys et al. (2016) optimisation
/// on the engine's queue, with a live progress bar. Every default comes from <see cref="GatysOptions"/>.
/// </summary>
public static class GatysCommand
{
    public static Command Create(CliConsole console)
    {
        var o = new GatysCliOptions();
        var engineOptions = new EngineCliOptions();
        var command = new Command("gatys", "Optimise a picture to a photo's content and paintings' style (Gatys et al. 2016)");
        o.AddTo(command);
        engineOptions.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            GatysRequest request;
            try
            {
                request = o.Read(parsed);
            }
            catch (ArgumentException e)
            {
                return console.Fail(ExitCodes.Usage, e.Message);
            }
            return await RunAsync(console, engineOptions.Settings(parsed), request, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, EngineSettings settings, GatysRequest request, CancellationToken ct)
    {
        // The options are checked before any file is read or painting installed: stand-in pictures take the files' places.
        var stand = RgbImage.Filled(1, 1, 0, 0, 0);
        var checkedOptions = request.InitImagePath is null ? request.Options : request.Options with { InitImage = stand };
        var problems = checkedOptions.Problems(request.StylePaths.Select((_, i) => new StyleInput(stand, request.StyleWeights[i])).ToList());
        if (problems.Count > 0) return console.Fail(ExitCodes.Usage, string.Join(Environment.NewLine + "error: ", problems));
        if (!EncodedFormats.TryFromExtension(request.Output, out _)) return console.Fail(ExitCodes.Usage, $"'{request.Output}': the output must end in .png, .jpg or .webp.");

        using var inProcess = new StyleGalleryEngine(settings);
        IStyleEngineClient engine = inProcess;
        OptimiseRequest optimisation;
        try
        {
            optimisation = await ReadAsync(engine, request, ct);
        }
        catch (Exception e) when (e is ImageDecodeException or FileNotFoundException or DirectoryNotFoundException)
        {
            return console.Fail(ExitCodes.BadImage, e.Message);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, e.Message);
        }

        string id;
        try
        {
            id = await engine.SubmitAsync(optimisation, ct);
        }
        catch (EngineRequestException e)
        {
            return EngineRefusals.Fail(console, e);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, e.Message);
        }
        return await FollowAsync(console, engine, id, request, ct);
    }

    /// <summary>The request as the engine takes it: the files' bytes (a texture has no photo: the painting stands in).</summary>
    private static async Task<OptimiseRequest> ReadAsync(IStyleEngineClient engine, GatysRequest request, CancellationToken ct)
    {
        var styles = new List<StyleImage>();
        for (var i = 0; i < request.StylePaths.Count; i++)
            styles.Add(new StyleImage(await File.ReadAllBytesAsync(await StyleArgument.PathOfAsync(engine, request.StylePaths[i], ct), ct), request.StyleWeights[i]));
        var photo = request.ContentPath is { } c ? await File.ReadAllBytesAsync(c, ct) : styles[0].Image;
        var options = request.InitImagePath is { } init ? request.Options with { InitImage = ImageDecoder.DecodeFile(init) } : request.Options;
        return new OptimiseRequest(photo, styles, options);
    }

    private static async Task<int> FollowAsync(CliConsole console, IStyleEngineClient engine, string id, GatysRequest request, CancellationToken ct)
    {
        var bar = console.Progress("gatys", request.Options.Iterations * request.Options.ScaleLevels);
        var snapshots = new GatysSnapshots(engine, id, request.Output, request.SaveEvery);
        using var losses = LossLog.Open(request.LossLog, request.Options.Iterations);
        JobState? last = null;
        await foreach (var state in engine.FollowAsync(id, ct))
        {
            last = state;
            if (state.Progress is not { } p) continue;
            losses?.Add(p);
            bar.Update(p.Step, Losses(p));
            await snapshots.SaveDueAsync(state);
        }
        bar.Finish();
        // A cancelled optimisation's result is the picture it had reached.
        if (await engine.ResultAsync(id, CancellationToken.None) is { } picture)
        {
            var (width, height) = ImageFiles.WritePng(picture, request.Output);
            console.Out.WriteLine($"wrote {request.Output} ({width}×{height}){(last?.Status == JobStatus.Cancelled ? " — cancelled, latest picture kept" : "")}");
        }
        return last?.Status switch
        {
            JobStatus.Succeeded => ExitCodes.Ok,
            JobStatus.Cancelled => ExitCodes.Cancelled,
            _ => console.Fail(ExitCodes.Failed, last?.Error ?? "the optimisation failed"),
        };
    }

    private static string Losses(JobProgress p) =>
        p.Losses is { } l ? $"loss {l.Total:0.###e+0} (content {l.Content:0.##e+0}, style {l.Style:0.##e+0})" : "";
}
