using System.Diagnostics;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>Times the TorchSharp side: end to end through <see cref="FastStylizer"/>, and forward-only variants.</summary>
internal sealed class FastLatency(FastBenchmarkOptions options)
{
    /// <summary>Cold = the first call of a fresh stylizer (weights loaded, memory first touched); warm = median after warm-up.</summary>
    public LatencyResult Measure(RgbImage input, ComputePrecision precision)
    {
        PeakMemory.Reset();
        using var stylizer = new FastStylizer(options.WeightsPath, recentPictures: 0); // every call runs the network
        var styleOptions = new FastStyleOptions { MaxSide = Math.Max(input.Width, input.Height), Precision = precision };
        void Once() => stylizer.Stylize(input, options.Style, styleOptions);
        var cold = Milliseconds(Once);
        var warm = Median(options.Warmup, options.Repeats, Once);
        return new LatencyResult(new FrameSize(input.Width, input.Height), precision, cold, warm, PeakMemory.PeakMegabytes());
    }

    /// <summary>Forward passes only, to see what no_grad vs inference_mode, channels_last and bfloat16 change.</summary>
    public IReadOnlyList<VariantResult> MeasureVariants(RgbImage input)
    {
        var path = options.WeightsPath(options.Style);
        using var float32 = TransformerNet.FromPretrained(path);
        using var bfloat16 = TransformerNet.FromPretrained(path, precision: ScalarType.BFloat16);
        return
        [
            Variant("float32, no_grad", float32, input, inference: false, channelsLast: false),
            Variant("float32, inference_mode", float32, input, inference: true, channelsLast: false),
            Variant("float32, channels_last input", float32, input, inference: false, channelsLast: true),
            Variant("bfloat16, no_grad", bfloat16, input, inference: false, channelsLast: false),
            Variant("bfloat16, inference_mode", bfloat16, input, inference: true, channelsLast: false),
        ];
    }

    private VariantResult Variant(string name, TransformerNet net, RgbImage image, bool inference, bool channelsLast)
    {
        void Once()
        {
            using var scope = NewDisposeScope();
            using var mode = inference ? inference_mode() : no_grad();
            var input = ImageTensors.ToTensor(image);
            // NCHW shape with NHWC strides: how libtorch recognises channels_last (TorchSharp has no contiguous(format)).
            if (channelsLast) input = input.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
            net.forward(input).Dispose();
        }
        return new VariantResult(name, Median(options.Warmup, options.Repeats, Once));
    }

    private static double Median(int warmup, int repeats, Action action)
    {
        for (var i = 0; i < warmup; i++) action();
        var times = Enumerable.Range(0, Math.Max(1, repeats)).Select(_ => Milliseconds(action)).Order().ToList();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    }

    private static double Milliseconds(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
