using System.CommandLine;
using System.Globalization;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using StyleGallery.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>
/// <c>lite</c>: multiply-adds per layer and warm network-only medians of the full network and the lite candidates
/// (<see cref="LiteNetwork.Candidates"/>) at one frame size, in the fast path's precision, no_grad. Speed does not depend
/// on the weights, so the candidates run with their initial ones; <c>--student</c> adds a distilled file. With
/// <c>--sizes</c> it measures the full network against the lite one (the student, or the lite design) at each size
/// instead: warm median, frames/s and peak RSS, published as the "Lite networks" section of docs/benchmarks.md.
/// </summary>
public static class LiteBenchCommand
{
    public static Command Create(TextWriter output)
    {
        var width = new Option<int>("--width") { Description = "Frame width", DefaultValueFactory = _ => 320 };
        var height = new Option<int>("--height") { Description = "Frame height", DefaultValueFactory = _ => 240 };
        var repeats = new Option<int>("--repeats") { Description = "Timed forwards per network (median reported)", DefaultValueFactory = _ => 15 };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: one per core, as the engine)", DefaultValueFactory = _ => 0 };
        var teacher = new Option<string>("--teacher") { Description = "A pretrained network file", DefaultValueFactory = _ => Path.Combine("..", "shared", "models", "fast", "udnie.safetensors") };
        var student = new Option<string?>("--student") { Description = "A distilled network file to time as well" };
        var layers = new Option<bool>("--layers") { Description = "Print every layer's multiply-adds" };
        var sizes = new Option<string?>("--sizes") { Description = "Full vs lite at these sizes instead, e.g. 320x240,640x360,512x512 (frames/s, peak RSS; written to --markdown)" };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update with --sizes", DefaultValueFactory = _ => Path.Combine("docs", "benchmarks.md") };
        var command = new Command("lite", "Lite network candidates vs the full network: multiply-adds and warm forward time")
        {
            width, height, repeats, threads, teacher, student, layers, sizes, markdown,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(threads) is > 0 and var n) set_num_threads(n);
            if (parsed.GetValue(sizes) is { } list)
            {
                FullVersusLite(list.Split(',').Select(FrameSize.Parse).ToList(), parsed.GetValue(teacher)!, parsed.GetValue(student), parsed.GetValue(repeats),
                    parsed.GetValue(markdown), output);
                return;
            }
            var (w, h) = (parsed.GetValue(width), parsed.GetValue(height));
            var networks = new List<(string Name, TransformerNet Net)> { ("full (pretrained)", TransformerNet.FromPretrained(parsed.GetValue(teacher)!, precision: ScalarType.BFloat16)) };
            foreach (var (name, options) in LiteNetwork.Candidates) networks.Add((name, Frozen(new TransformerNet(options))));
            if (parsed.GetValue(student) is { } path) networks.Add(("distilled file", TrainedStyleFile.LoadNetwork(path, precision: ScalarType.BFloat16)));
            var full = MultiplyAdds.Total(networks[0].Net, h, w);
            output.WriteLine(FormattableString.Invariant($"{w}x{h}, bfloat16, {get_num_threads()} threads, warm median of {parsed.GetValue(repeats)}"));
            foreach (var (name, net) in networks)
            {
                using (net)
                {
                    if (parsed.GetValue(layers)) output.Write(MultiplyAdds.Table(net, h, w));
                    var macs = MultiplyAdds.Total(net, h, w);
                    var ms = MedianMilliseconds(net, w, h, parsed.GetValue(repeats));
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-42} {macs / 1e9,6:F2} GMAC ({100.0 * macs / full,5:F1} %)  {ms,7:F1} ms"));
                }
            }
        });
        return command;
    }

    public const string Heading = "## Lite networks";

    /// <summary>
    /// The full network and the lite one, network only, at each size: each loaded fresh with the process's peak RSS
    /// reset (/proc/self/clear_refs), 3 forwards to warm up, then the median of <paramref name="repeats"/>.
    /// </summary>
    private static void FullVersusLite(IReadOnlyList<FrameSize> sizes, string teacher, string? student, int repeats, string? markdown, TextWriter output)
    {
        var networks = new List<(string Name, Func<TransformerNet> Load)>
        {
            ("full", () => TransformerNet.FromPretrained(teacher, precision: ScalarType.BFloat16)),
            (student is null ? "lite (the design, initial weights)" : "lite", () => student is null
                ? Frozen(new TransformerNet(LiteNetwork.Options))
                : TrainedStyleFile.LoadNetwork(student, precision: ScalarType.BFloat16)),
        };
        var rows = new List<(FrameSize Size, string Name, double Ms, double PeakMb, bool PerMeasurement)>();
        foreach (var size in sizes)
        {
            foreach (var (name, load) in networks)
            {
                var reset = PeakMemory.Reset();
                using var net = load();
                var ms = MedianMilliseconds(net, size.Width, size.Height, repeats);
                rows.Add((size, name, ms, PeakMemory.PeakMegabytes(), reset));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size} {name}: {ms:F1} ms, {1000 / ms:F1} frames/s, peak RSS {PeakMemory.PeakMegabytes():F0} MB"));
            }
        }
        var md = new System.Text.StringBuilder();
        md.AppendLine(Heading).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"`stylegallery-bench lite --sizes {string.Join(',', sizes)}{(student is null ? "" : " --student …")}` ({DateTime.UtcNow:yyyy-MM-dd}, {MachineInfo.CpuModel()}, " +
            $"{Environment.ProcessorCount} cores, {get_num_threads()} torch threads): the network alone (no decoding, camera following or encoding), " +
            $"bfloat16 as the fast path paints, no_grad, random input; warm median of {repeats} forwards after 3. Full: `{Path.GetFileName(teacher)}`; " +
            $"lite: {(student is null ? "the lite design with its initial weights (speed does not depend on them)" : $"`{Path.GetFileName(student)}`")}. " +
            $"Peak RSS is the whole process's ({(rows.All(r => r.PerMeasurement) ? "its high-water mark reset before each network is loaded" : "the process maximum so far: this system cannot reset it")}), " +
            $"so it includes the runtime and libtorch. Other work may share this machine: compare the rows as ratios.");
        md.AppendLine();
        md.AppendLine("| size | network | ms | frames/s | lite vs full | peak RSS MB |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var full = rows.First(r => r.Size == row.Size).Ms;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Size.Width}×{row.Size.Height} | {row.Name} | {row.Ms:0.0} | {1000 / row.Ms:0.0} | {(row.Ms == full ? "" : $"{full / row.Ms:0.0}× faster")} | {row.PeakMb:0} |");
        }
        MarkdownSections.Publish(markdown, Heading, md.ToString(), output);
    }

    private static TransformerNet Frozen(TransformerNet net)
    {
        net.to(ScalarType.BFloat16);
        foreach (var p in net.parameters()) p.requires_grad = false;
        net.eval();
        return net;
    }

    private static double MedianMilliseconds(TransformerNet net, int width, int height, int repeats)
    {
        using var noGrad = no_grad();
        using var input = rand(1, 3, height, width).mul_(255);
        void Once()
        {
            using var scope = NewDisposeScope();
            net.forward(input).Dispose();
        }
        for (var i = 0; i < 3; i++) Once();
        return Timing.Median(Enumerable.Range(0, Math.Max(1, repeats)).Select(_ => Timing.Seconds(Once) * 1000));
    }
}
