using System.CommandLine;
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
        // Only the options are checked here, before any file is read: stand-in pictures take the files' places.
        var stand = RgbImage.Filled(1, 1, 0, 0, 0);
        var checkedOptions = request.InitImagePath is null ? request.Options : request.Options with { InitImage = stand };
        var problems = GatysOptionsValidator.Problems(checkedOptions, request.StylePaths.Select((_, i) => new StyleInput(stand, request.StyleWeights[i])).ToList()).ToList();
        if (problems.Count > 0) return console.Fail(ExitCodes.Usage, string.Join(Environment.NewLine + "error: ", problems));
        if (!EncodedFormats.TryFromExtension(request.Output, out _)) return console.Fail(ExitCodes.Usage, $"'{request.Output}': the output must end in .png, .jpg or .webp.");

        using var engine = new StyleGalleryEngine(settings);
        RgbImage content;
        var styles = new List<StyleInput>();
        try
        {
            for (var i = 0; i < request.StylePaths.Count; i++)
                styles.Add(new StyleInput(ImageDecoder.DecodeFile(await StyleArgument.PathOfAsync(engine, request.StylePaths[i], ct)), request.StyleWeights[i]));
            content = request.ContentPath is { } c ? ImageDecoder.DecodeFile(c) : styles[0].Image;
            if (request.InitImagePath is { } init) request = request with { Options = request.Options with { InitImage = ImageDecoder.DecodeFile(init) } };
        }
        catch (Exception e) when (e is ImageDecodeException or FileNotFoundException or DirectoryNotFoundException)
        {
            return console.Fail(ExitCodes.BadImage, e.Message);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, e.Message);
        }

        using var losses = LossLog.Open(request.LossLog, engine.Jobs); // after the inputs read, before the job starts: no iteration unseen
        JobTicket ticket;
        try
        {
            ticket = await engine.SubmitGatysAsync(content, styles, request.Options, ct);
        }
        catch (InvalidGatysOptionsException e)
        {
            return console.Fail(ExitCodes.Usage, string.Join(Environment.NewLine + "error: ", e.Problems));
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, e.Message);
        }
        return await WatchAsync(console, engine, ticket, request, ct);
    }

    private static async Task<int> WatchAsync(CliConsole console, StyleGalleryEngine engine, JobTicket ticket, GatysRequest request, CancellationToken ct)
    {
        var bar = console.Progress("gatys", request.Options.Iterations * request.Options.ScaleLevels);
        var saver = new SnapshotSaver(request.Output, request.SaveEvery);
        await using var cancel = ct.Register(() => engine.Jobs.Cancel(ticket.Id));
        await foreach (var e in engine.Jobs.WatchAsync(ticket.Id, CancellationToken.None))
        {
            if (e.Kind == JobEventKind.Progress && e.Job.Progress is { } p)
                bar.Update(p.Step, Losses(p));
            if (e.Kind == JobEventKind.PreviewPublished && e.Job.Progress is { } at && engine.Jobs.LatestPreview(ticket.Id) is { } preview)
                saver.Save(preview, at.Step);
        }
        bar.Finish();
        var job = await ticket.Completion;
        if (job.Result is RgbImage picture)
        {
            ImageFiles.Write(picture, request.Output);
            console.Out.WriteLine($"wrote {request.Output} ({picture.Width}×{picture.Height}){(job.Status == JobStatus.Cancelled ? " — cancelled, latest picture kept" : "")}");
        }
        return job.Status switch
        {
            JobStatus.Succeeded => ExitCodes.Ok,
            JobStatus.Cancelled => ExitCodes.Cancelled,
            _ => console.Fail(ExitCodes.Failed, job.Error ?? "the optimisation failed"),
        };
    }

    private static string Losses(JobProgress p) =>
        p.Metrics is { } m ? $"loss {m["total"]:0.###e+0} (content {m["content"]:0.##e+0}, style {m["style"]:0.##e+0})" : "";

    /// <summary>Writes <c>out_0050.png</c>-style snapshots every N iterations when asked.</summary>
    private sealed class SnapshotSaver(string output, int? every)
    {
        public void Save(RgbImage preview, int step)
        {
            if (every is not > 0 || step % every.Value != 0) return;
            var path = Path.Combine(Path.GetDirectoryName(output) ?? "", $"{Path.GetFileNameWithoutExtension(output)}_{step:0000}{Path.GetExtension(output)}");
            ImageFiles.Write(preview, path);
        }
    }
}
