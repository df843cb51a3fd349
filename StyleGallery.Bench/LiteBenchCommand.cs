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
/// on the weights, so the candidates run with their initial ones; <c>--student</c> adds a distilled file.
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
        var command = new Command("lite", "Lite network candidates vs the full network: multiply-adds and warm forward time") { width, height, repeats, threads, teacher, student, layers };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(threads) is > 0 and var n) set_num_threads(n);
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
