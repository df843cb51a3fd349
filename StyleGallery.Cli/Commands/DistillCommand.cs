using System.CommandLine;
using System.Globalization;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Hosting;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// <c>stylegallery distill --style udnie [--steps N] [--size S] [--out udnie-lite]</c>: distils a lite network from a
/// fast style (<see cref="LiteDistiller"/>) and registers it as the user style <c>--out</c>, listed beside its teacher.
/// Runs in this process on one thread, not through the engine's job queue (the web app's "Make a live version" runs
/// the same distillation as an engine job: <see cref="DistillationJob"/>). Ctrl+C stops it between two steps; nothing
/// is registered then, and the last checkpoint can be resumed with <c>--resume</c>.
/// </summary>
public static class DistillCommand
{
    public static Command Create(CliConsole console)
    {
        var d = new DistillationOptions();
        var style = new Option<string>("--style") { Description = "The fast style to distil (the teacher)", Required = true };
        var output = new Option<string?>("--out") { Description = "Id of the lite style (default: <style>-lite)" };
        var steps = new Option<int>("--steps") { Description = $"Optimisation steps (1…{DistillationOptions.MaxSteps})", DefaultValueFactory = _ => d.Steps };
        var size = new Option<int>("--size") { Description = $"Side of the square crops ({DistillationOptions.MinCropSize}…{DistillationOptions.MaxCropSize})", DefaultValueFactory = _ => d.CropSize };
        var batch = new Option<int>("--batch") { Description = "Crops per step", DefaultValueFactory = _ => d.BatchSize };
        var data = new Option<string?>("--data") { Description = "A folder of photos (default: ../shared/images/train when present)", DefaultValueFactory = _ => HostPaths.DevelopmentImages("train") };
        var seed = new Option<long>("--seed") { Description = "Seed for the initial weights, crops and order", DefaultValueFactory = _ => d.Seed };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Checkpoint every N steps (0: never)", DefaultValueFactory = _ => d.CheckpointEvery };
        var resume = new Option<string?>("--resume") { Description = "Continue from a checkpoint file" };
        var hints = new Option<double>("--hint-weight") { Description = "Weight of the teacher's activations as hints (0: pixel loss only)", DefaultValueFactory = _ => d.HintWeight };
        var start = new Option<StudentStart>("--start") { Description = "The student's first weights: the pruned teacher or random", DefaultValueFactory = _ => d.Start };
        var engineOptions = new EngineCliOptions();
        var command = new Command("distill", "Distil a lite network (about 8x fewer multiply-adds) from a fast style, for the live camera")
        {
            style, output, steps, size, batch, data, seed, checkpointEvery, resume, start, hints,
        };
        engineOptions.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var teacher = parsed.GetValue(style)!;
            var options = d with
            {
                Steps = parsed.GetValue(steps),
                CropSize = parsed.GetValue(size),
                BatchSize = parsed.GetValue(batch),
                Seed = parsed.GetValue(seed),
                CheckpointEvery = parsed.GetValue(checkpointEvery),
                Start = parsed.GetValue(start),
                HintWeight = parsed.GetValue(hints),
            };
            var arguments = new DistillArguments(teacher, parsed.GetValue(output) ?? teacher + "-lite", parsed.GetValue(data), options, parsed.GetValue(resume));
            return await RunAsync(console, engineOptions.Settings(parsed), arguments, ct);
        });
        return command;
    }

    private sealed record DistillArguments(string Teacher, string Id, string? Data, DistillationOptions Options, string? Resume);

    private static async Task<int> RunAsync(CliConsole console, EngineSettings settings, DistillArguments a, CancellationToken ct)
    {
        if (a.Options.Problems() is { Count: > 0 } problems) return console.Fail(ExitCodes.Usage, string.Join(Environment.NewLine + "error: ", problems));
        try { UserStyles.CheckId(a.Id); }
        catch (InvalidUserStyleException e) { return console.Fail(ExitCodes.Usage, e.Message); }
        if (a.Data is null || !Directory.Exists(a.Data)) return console.Fail(ExitCodes.BadImage, $"no photo folder: pass --data (got '{a.Data}').");
        if (a.Resume is { } checkpoint && !File.Exists(checkpoint)) return console.Fail(ExitCodes.Usage, $"the checkpoint '{checkpoint}' does not exist.");

        using var engine = new StyleGalleryEngine(settings);
        if (FastStyleArgument.WhyNot(engine, a.Teacher) is { } notAStyle) return console.Fail(ExitCodes.MissingModel, $"there is no network to distil: {notAStyle}");
        if (engine.Catalogue.IsStyleIdTaken(a.Id)) return console.Fail(ExitCodes.Usage, $"a style '{a.Id}' exists already; choose another --out.");
        try
        {
            if (engine.FastStyle(a.Teacher) is { Origin: FastStyleOrigin.Catalogue, IsInstalled: false })
                await ((IStyleEngineClient)engine).InstallModelAsync(a.Teacher, null, ct);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, $"the style '{a.Teacher}' is not installed and could not be installed: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled while installing the teacher; no style was registered.");
            return ExitCodes.Cancelled;
        }
        return await DistillAsync(console, engine, a, ct);
    }

    private static async Task<int> DistillAsync(CliConsole console, StyleGalleryEngine engine, DistillArguments a, CancellationToken ct)
    {
        var registry = new UserStyles(engine.Settings.ModelsDirectory);
        var request = new DistillationRequest(engine.Catalogue.NetworkOf(a.Teacher), a.Teacher, a.Data!, registry.PathOf(a.Id), a.Options, ResumeFrom: a.Resume);
        var bar = console.Progress($"distill {a.Id}", a.Options.Steps);
        DistillationResult result;
        try
        {
            // One long-running thread: torch's dispose scopes belong to the thread that opens them.
            result = await Task.Factory.StartNew(
                () => new LiteDistiller().Distill(request, ct, p => bar.Update(p.Step, Detail(p), p.Remaining)),
                ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine($"cancelled; no style was registered. Resume with --resume and the last checkpoint in {request.EffectiveCheckpointFolder}.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is InvalidTrainingOptionsException or TrainingDataException or TrainingDivergedException or InvalidCheckpointException)
        {
            return console.Fail(e is TrainingDataException ? ExitCodes.BadImage : ExitCodes.Failed, e.Message);
        }
        bar.Finish();
        var painting = await engine.Catalogue.TeacherPaintingAsync(a.Teacher, CancellationToken.None);
        registry.RegisterDistilled(a.Id, a.Teacher, engine.FastStyle(a.Teacher).Title, result.Steps, painting);
        var last = result.LossCurve.Count == 0 ? double.NaN : result.LossCurve[^1].Content;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distilled '{a.Id}' from '{a.Teacher}' in {result.Steps} steps (last pixel loss {last:F1} grey levels); paint with it: stylegallery fast --style {a.Id} --in photo.jpg --out out.png"));
        return ExitCodes.Ok;
    }

    /// <summary>"L1 12.3 grey levels, 3.1 img/s".</summary>
    private static string Detail(DistillationProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"L1 {p.PixelLoss:F1} grey levels, {p.ImagesPerSecond:F1} img/s");
}
