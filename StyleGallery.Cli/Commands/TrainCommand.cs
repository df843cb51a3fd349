using System.CommandLine;
using System.Globalization;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// <c>stylegallery train --style painting.jpg --data photos/ --out mystyle</c>: trains a fast style network through the
/// engine's job queue and registers it as the user style <c>mystyle</c>.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var d = new TrainingOptions();
        var style = new Option<string>("--style") { Description = "The painting to learn", Required = true };
        var data = new Option<string>("--data") { Description = "A folder of photos to train on", Required = true };
        var output = new Option<string>("--out") { Description = "Id of the new style (lowercase letters, digits, '-', '_')", Required = true };
        var size = new Option<int>("--size") { Description = "Side of the square training crops", DefaultValueFactory = _ => d.CropSize };
        var batch = new Option<int>("--batch") { Description = "Crops per step", DefaultValueFactory = _ => d.BatchSize };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the photos", DefaultValueFactory = _ => d.Epochs };
        var steps = new Option<int?>("--steps") { Description = "Train for exactly N steps instead of whole epochs" };
        var norm = new Option<string>("--norm") { Description = "instance|batch", DefaultValueFactory = _ => "instance" };
        var width = new Option<string>("--width") { Description = "full|half (half is ~4x cheaper)", DefaultValueFactory = _ => "full" };
        var upsampling = new Option<string>("--upsampling") { Description = "resize|transposed", DefaultValueFactory = _ => "resize" };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => d.LearningRate };
        var styleWeight = new Option<double>("--style-weight") { Description = "Weight of the style loss", DefaultValueFactory = _ => d.StyleWeight };
        var tvWeight = new Option<double>("--tv-weight") { Description = "Weight of total variation (1e-6…1e-3)", DefaultValueFactory = _ => d.TotalVariationWeight };
        var seed = new Option<long>("--seed") { Description = "Seed for the initial weights, crops and order", DefaultValueFactory = _ => d.Seed };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Checkpoint and preview every N steps (0: never)", DefaultValueFactory = _ => d.CheckpointEvery };
        var resume = new Option<string?>("--resume") { Description = "Continue from a checkpoint file" };
        var outputNorm = new Option<bool>("--output-norm") { Description = "Normalise the output layer too, as the pretrained networks do" };
        var precision = new Option<ComputePrecision>("--precision") { Description = "What the loss network computes in", DefaultValueFactory = _ => d.LossNetworkPrecision };
        var engineOptions = new EngineCliOptions();
        var command = new Command("train", "Train a new fast style network from a painting (Johnson et al. 2016)")
        {
            style, data, output, size, batch, epochs, steps, norm, width, upsampling, lr, styleWeight, tvWeight, seed, checkpointEvery, resume, outputNorm, precision,
        };
        engineOptions.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryParse(parsed.GetValue(norm)!, parsed.GetValue(width)!, parsed.GetValue(upsampling)!, out var architecture, out var problem))
                return console.Fail(ExitCodes.Usage, problem);
            var options = d with
            {
                CropSize = parsed.GetValue(size),
                BatchSize = parsed.GetValue(batch),
                Epochs = parsed.GetValue(epochs),
                Steps = parsed.GetValue(steps),
                LearningRate = parsed.GetValue(lr),
                StyleWeight = parsed.GetValue(styleWeight),
                TotalVariationWeight = parsed.GetValue(tvWeight),
                Seed = parsed.GetValue(seed),
                CheckpointEvery = parsed.GetValue(checkpointEvery),
                Normalization = architecture.Normalization,
                Width = architecture.Width,
                Upsampling = architecture.Upsampling,
                OutputNormalization = parsed.GetValue(outputNorm),
                LossNetworkPrecision = parsed.GetValue(precision),
            };
            var request = new TrainingRequest(parsed.GetValue(style)!, parsed.GetValue(data)!, "", options, ResumeFrom: parsed.GetValue(resume));
            return await RunAsync(console, engineOptions.Settings(parsed), request, parsed.GetValue(output)!, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, EngineSettings settings, TrainingRequest request, string id, CancellationToken ct)
    {
        if (!File.Exists(request.StyleImagePath)) return console.Fail(ExitCodes.BadImage, $"the style image '{request.StyleImagePath}' does not exist.");
        if (!Directory.Exists(request.DataFolder)) return console.Fail(ExitCodes.BadImage, $"the photo folder '{request.DataFolder}' does not exist.");
        using var inProcess = new StyleGalleryEngine(settings);
        IStyleEngineClient engine = inProcess;
        string jobId;
        try
        {
            jobId = await engine.SubmitAsync(new TrainRequest(id, id, request), ct);
        }
        catch (EngineRequestException e)
        {
            return EngineRefusals.Fail(console, e);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, $"no loss network could be installed: {e.Message}");
        }
        return await FollowAsync(console, engine, jobId, id, ct);
    }

    private static async Task<int> FollowAsync(CliConsole console, IStyleEngineClient engine, string jobId, string id, CancellationToken ct)
    {
        ProgressBar? bar = null;
        JobState? last = null;
        await foreach (var state in engine.FollowAsync(jobId, ct))
        {
            last = state;
            if (state.Progress is not { } p) continue;
            bar ??= console.Progress($"train {id}", p.TotalSteps);
            bar.Update(p.Step, Detail(p), p.Remaining);
        }
        bar?.Finish();
        foreach (var warning in last?.Warnings ?? []) console.Error.WriteLine($"warning: {warning}");
        switch (last?.Status)
        {
            case JobStatus.Succeeded:
                console.Out.WriteLine($"trained '{id}' in {last.Progress?.Step ?? 0} steps; paint with it: stylegallery fast --style {id} --in photo.jpg --out out.png");
                return ExitCodes.Ok;
            case JobStatus.Cancelled:
                console.Error.WriteLine("cancelled; the last checkpoint (if any) can be resumed with --resume.");
                return ExitCodes.Cancelled;
            default:
                return console.Fail(ExitCodes.Failed, last?.Error ?? "training failed.");
        }
    }

    /// <summary>"loss 1.2e+05 (content 3.4e+04 style 8.6e+04 tv 12) 3.1 img/s".</summary>
    private static string Detail(JobProgress p)
    {
        static string F(double? value) => value?.ToString("G3", CultureInfo.InvariantCulture) ?? "?";
        var losses = p.Losses is { } l ? $"loss {F(l.Total)} (content {F(l.Content)} style {F(l.Style)} tv {F(l.TotalVariation)}) " : "";
        return $"{losses}{F(p.Rate)} img/s";
    }

    private static bool TryParse(string norm, string width, string upsampling, out TransformerNetOptions architecture, out string problem)
    {
        architecture = new TransformerNetOptions();
        problem = "";
        FastNormalization? n = norm switch { "instance" => FastNormalization.Instance, "batch" => FastNormalization.Batch, _ => null };
        FastWidth? w = width switch { "full" => FastWidth.Full, "half" => FastWidth.Half, _ => null };
        FastUpsampling? u = upsampling switch { "resize" => FastUpsampling.ResizeConvolution, "transposed" => FastUpsampling.TransposedConvolution, _ => null };
        if (n is null) problem = $"--norm must be instance or batch (got '{norm}').";
        else if (w is null) problem = $"--width must be full or half (got '{width}').";
        else if (u is null) problem = $"--upsampling must be resize or transposed (got '{upsampling}').";
        else architecture = new TransformerNetOptions { Normalization = n.Value, Width = w.Value, Upsampling = u.Value };
        return problem.Length == 0;
    }
}
