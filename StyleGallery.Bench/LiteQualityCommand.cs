using System.CommandLine;

namespace StyleGallery.Bench;

/// <summary><c>stylegallery-bench lite-quality --pair udnie=udnie-lite.safetensors [...]</c>: lite networks against their teachers.</summary>
public static class LiteQualityCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new LiteQualityOptions();
        var pairs = new Option<string[]>("--pair") { Description = "A catalogue style and its lite network file, teacher=student.safetensors (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var photos = new Option<string[]>("--photo") { Description = "Photos (names in ../shared/images/content or paths)", AllowMultipleArgumentsPerToken = true };
        var sides = new Option<int[]>("--sides") { Description = "Longest sides measured", AllowMultipleArgumentsPerToken = true };
        var markdown = new Option<string>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var pictures = new Option<string>("--pictures") { Description = "Folder for the side-by-side pictures", DefaultValueFactory = _ => defaults.PicturesDirectory };
        var command = new Command("lite-quality", "Lite networks vs their full teachers on held-out photos: MAE, SSIM, style and content distances")
        {
            pairs, photos, sides, markdown, pictures,
        };
        command.SetAction(parsed => LiteQualityBenchmark.Run(defaults with
        {
            Pairs = parsed.GetValue(pairs)!.Select(LitePair.Parse).ToList(),
            Photos = parsed.GetValue(photos) is { Length: > 0 } p ? p : defaults.Photos,
            Sides = parsed.GetValue(sides) is { Length: > 0 } s ? s : defaults.Sides,
            Markdown = parsed.GetValue(markdown)!,
            PicturesDirectory = parsed.GetValue(pictures)!,
        }, output));
        return command;
    }
}
