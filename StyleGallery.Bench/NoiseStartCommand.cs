using System.CommandLine;

namespace StyleGallery.Bench;

/// <summary><c>stylegallery-bench noise-start</c>: Gatys from noise against Gatys from the photo (issue 21).</summary>
public static class NoiseStartCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new NoiseStartOptions();
        var pairs = new Option<string[]>("--pair") { Description = "photo+painting from ../shared/images (repeatable)", AllowMultipleArgumentsPerToken = true };
        var sides = new Option<int[]>("--sides") { Description = "Longest sides", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [.. defaults.Sides] };
        var iterations = new Option<int[]>("--iters") { Description = "Iteration counts", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [.. defaults.Iterations] };
        var variants = new Option<string[]>("--variant")
        {
            Description = "Starts to compare: " + string.Join(", ", NoiseStartBenchmark.Known.Select(v => v.Name)),
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. defaults.Variants],
        };
        var runs = new Option<string[]>("--run") { Description = "Only these runs, side×iterations (e.g. 128x100 256x300), instead of every side with every count", AllowMultipleArgumentsPerToken = true };
        var markdown = new Option<string>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var pictures = new Option<string>("--pictures") { Description = "Folder for the pictures", DefaultValueFactory = _ => defaults.PicturesDirectory };
        var command = new Command("noise-start", "Gatys from white noise vs from the photo: grain, style and content distances, pictures")
        {
            pairs, sides, iterations, runs, variants, markdown, pictures,
        };
        command.SetAction(parsed => NoiseStartBenchmark.Run(defaults with
        {
            Pairs = parsed.GetValue(pairs) is { Length: > 0 } p ? p.Select(NoisePair.Parse).ToList() : defaults.Pairs,
            Sides = parsed.GetValue(sides)!,
            Iterations = parsed.GetValue(iterations)!,
            Variants = parsed.GetValue(variants)!,
            Runs = parsed.GetValue(runs) is { Length: > 0 } r ? r.Select(ParseRun).ToList() : null,
            Markdown = parsed.GetValue(markdown)!,
            PicturesDirectory = parsed.GetValue(pictures)!,
        }, output));
        return command;
    }

    private static (int Side, int Iterations) ParseRun(string text) =>
        text.Split('x', 2) is [var side, var iterations] && int.TryParse(side, out var s) && int.TryParse(iterations, out var i)
            ? (s, i)
            : throw new ArgumentException($"'{text}' is not side×iterations, e.g. 256x300.");
}
