using System.CommandLine;
using System.Diagnostics;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

public static class DistillProbe
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("distill-probe", "scratch");
        command.SetAction(_ => Run(output));
        return command;
    }

    private static int Run(TextWriter output)
    {
        set_num_threads(2);
        using var teacher = TransformerNet.FromPretrained("/work/shared/models/fast/udnie.safetensors", precision: ScalarType.BFloat16);
        random.manual_seed(1);
        using var student = new TransformerNet(LiteNetwork.Options);
        student.train();
        foreach (var (batch, size) in new[] { (4, 256), (16, 128), (1, 256) })
        {
            using var x = rand(batch, 3, size, size) * 255;
            double T(Action a) { for (var i = 0; i < 2; i++) a(); var w = Stopwatch.StartNew(); for (var i = 0; i < 5; i++) a(); return w.Elapsed.TotalMilliseconds / 5; }
            var teach = T(() => { using var s = NewDisposeScope(); using var g = no_grad(); teacher.forward(x.to(ScalarType.BFloat16)); });
            var stud = T(() => { using var s = NewDisposeScope(); var y = student.forward(x); (y - 1).abs().mean().backward(); });
            output.WriteLine($"batch {batch}x{size}: teacher {teach:F0} ms, student fwd+bwd {stud:F0} ms");
        }
        return 0;
    }
}
