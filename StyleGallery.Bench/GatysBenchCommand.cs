using System.CommandLine;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Bench;

/// <summary><c>stylegallery-bench gatys [--quick]</c>: our Gatys engine against the PyTorch reference.</summary>
public static class GatysBenchCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new GatysBenchmarkOptions();
        var quick = new Option<bool>("--quick") { Description = "A short sanity run of every step (tiny sizes; writes no markdown)" };
        var lossSide = new Option<int>("--loss-side") { Description = "Longest side of the loss comparison", DefaultValueFactory = _ => defaults.LossSide };
        var qualitySide = new Option<int>("--quality-side") { Description = "Longest side of the time-to-quality race", DefaultValueFactory = _ => defaults.QualitySide };
        var threads = new Option<int>("--threads") { Description = "Torch threads for both sides", DefaultValueFactory = _ => defaults.Threads };
        var precision = new Option<ComputePrecision>("--precision") { Description = "What our loss network computes in", DefaultValueFactory = _ => defaults.Precision };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("gatys", "Gatys optimisation: losses, seconds per evaluation, memory and time-to-quality vs PyTorch")
        {
            quick, lossSide, qualitySide, threads, precision, markdown,
        };
        command.SetAction(async (parsed, _) =>
        {
            var options = defaults with
            {
                LossSide = parsed.GetValue(lossSide),
                QualitySide = parsed.GetValue(qualitySide),
                Threads = parsed.GetValue(threads),
                Precision = parsed.GetValue(precision),
                Markdown = parsed.GetValue(markdown),
            };
            return await GatysBenchmark.RunAsync(parsed.GetValue(quick) ? options.Quick() : options, output);
        });
        return command;
    }
}
