using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>
/// <c>stylegallery-bench train</c>: images/s of one training step, ours and bench/train_reference.py's (PyTorch) in
/// one run, on random crops with the VGG19 loss network of the development mirror.
/// </summary>
public static class TrainBenchCommand
{
    public static Command Create(TextWriter output)
    {
        var size = new Option<int>("--size") { Description = "Crop side", DefaultValueFactory = _ => 256 };
        var batch = new Option<int>("--batch") { Description = "Crops per step", DefaultValueFactory = _ => 4 };
        var width = new Option<string>("--width") { Description = "full|half", DefaultValueFactory = _ => "full" };
        var steps = new Option<int>("--steps") { Description = "Timed steps (median reported)", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "Torch threads for both sides (0: one per core)", DefaultValueFactory = _ => 0 };
        var noReference = new Option<bool>("--no-reference") { Description = "Skip the PyTorch reference" };
        var vgg = new Option<string?>("--vgg") { Description = "VGG19 Caffe-convention weights (default: the development mirror's)" };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file whose \"## Training throughput\" section is replaced (none: print only)" };
        var command = new Command("train", "Training throughput (images/s), ours vs the PyTorch reference") { size, batch, width, steps, threads, noReference, vgg, markdown };
        command.SetAction(parsed =>
        {
            var threadCount = parsed.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount;
            TorchSharp.torch.set_num_threads(threadCount);
            var vggPath = parsed.GetValue(vgg) ?? Path.Combine(HostPaths.DevelopmentMirror() ?? "models", "vgg", "vgg19-imagenet.safetensors");
            var half = parsed.GetValue(width) == "half";
            var options = new TrainingOptions
            {
                CropSize = parsed.GetValue(size), StyleSize = parsed.GetValue(size), BatchSize = parsed.GetValue(batch),
                Width = half ? FastWidth.Half : FastWidth.Full, Steps = parsed.GetValue(steps),
            };
            var table = new StringBuilder();
            table.AppendLine(CultureInfo.InvariantCulture, $"| training step {options.CropSize}², batch {options.BatchSize}, {(half ? "half" : "full")} width, {threadCount} threads | images/s | ms/step |");
            table.AppendLine("|---|---|---|");
            foreach (var precision in Enum.GetValues<ComputePrecision>())
            {
                var ours = TrainingThroughput.Measure(new VggWeightSource(vggPath, VggWeightConventions.Caffe),
                    options with { LossNetworkPrecision = precision }, warmup: 1, steps: options.Steps!.Value);
                var label = precision == options.LossNetworkPrecision ? $"{precision} VGG, the default" : $"{precision} VGG";
                table.AppendLine(CultureInfo.InvariantCulture, $"| StyleGallery (TorchSharp), {label} | {ours.ImagesPerSecond:F2} | {ours.MedianStepSeconds * 1000:F0} |");
            }
            if (!parsed.GetValue(noReference)) table.AppendLine(ReferenceRow(options, half, threadCount, vggPath));
            output.Write(table);
            if (parsed.GetValue(markdown) is { } file) MarkdownSections.Replace(file, ThroughputHeading, ThroughputSection(table.ToString(), options.Steps.Value));
            return ExitCodes.Ok;
        });
        return command;
    }

    private const string ThroughputHeading = "## Training throughput";

    private static string ThroughputSection(string table, int steps) =>
        $"{ThroughputHeading}\n\nMeasured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench train` on {MachineInfo.CpuModel()} " +
        $"({Environment.ProcessorCount} cores). One step = the transformation network forward, the perceptual loss through VGG19 " +
        $"(to relu4_1), backward and Adam, on random crops; median of {steps} steps after one warm-up, both sides in this run. " +
        $"\"bfloat16 VGG\": the loss network's convolutions in bfloat16, everything else float32 (mixed precision).\n\n{table}\n";

    private static string ReferenceRow(TrainingOptions options, bool half, int threads, string vggPath)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine("bench", "train_reference.py"), "--size", $"{options.CropSize}", "--batch", $"{options.BatchSize}",
                     "--width", half ? "half" : "full", "--steps", $"{options.Steps}", "--threads", $"{threads}", "--vgg", vggPath,
                     "--style-weight", $"{options.StyleWeight}", "--tv-weight", $"{options.TotalVariationWeight}" })
            start.ArgumentList.Add(arg);
        start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1"; // the same allocator setting as this process
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) return $"| PyTorch reference | failed: {stderr.Result.Trim().Split('\n').Last()} | |";
        using var json = JsonDocument.Parse(stdout.Trim().Split('\n').Last());
        var root = json.RootElement;
        return $"| PyTorch {root.GetProperty("torch").GetString()} (bench/train_reference.py) | {root.GetProperty("images_per_s").GetDouble():F2} | {root.GetProperty("median_step_ms").GetDouble():F0} |";
    }
}
