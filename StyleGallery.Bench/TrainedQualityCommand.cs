using System.CommandLine;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary><c>stylegallery-bench trained --pair id=painting.jpg [...]</c>: trained networks against Gatys on held-out photos.</summary>
public static class TrainedQualityCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new TrainedQualityOptions();
        var pairs = new Option<string[]>("--pair") { Description = "A trained style and its painting, id=painting.jpg (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var photos = new Option<string[]>("--photo") { Description = "Held-out photos (names in ../shared/images/content or paths)", AllowMultipleArgumentsPerToken = true };
        var side = new Option<int>("--side") { Description = "Longest side of every picture", DefaultValueFactory = _ => defaults.Side };
        var iterations = new Option<int>("--gatys-iters") { Description = "L-BFGS evaluations of the Gatys comparison", DefaultValueFactory = _ => defaults.GatysIterations };
        var models = new Option<string>("--models") { Description = "Folder of installed models (trained styles in user/)", DefaultValueFactory = _ => HostPaths.DefaultModelsDirectory() };
        var markdown = new Option<string>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var pictures = new Option<string>("--pictures") { Description = "Folder for the pictures", DefaultValueFactory = _ => defaults.PicturesDirectory };
        var command = new Command("trained", "Trained fast styles vs Gatys on held-out photos: style and content distances, pictures")
        {
            pairs, photos, side, iterations, models, markdown, pictures,
        };
        command.SetAction(parsed =>
        {
            var options = defaults with
            {
                Pairs = parsed.GetValue(pairs)!.Select(TrainedPair.Parse).ToList(),
                Photos = parsed.GetValue(photos) is { Length: > 0 } p ? p : defaults.Photos,
                Side = parsed.GetValue(side),
                GatysIterations = parsed.GetValue(iterations),
                ModelsDirectory = parsed.GetValue(models)!,
                Markdown = parsed.GetValue(markdown)!,
                PicturesDirectory = parsed.GetValue(pictures)!,
            };
            return TrainedQualityBenchmark.Run(options, output);
        });
        return command;
    }
}
