using System.CommandLine;
using System.Globalization;

namespace StyleGallery.Bench;

/// <summary><c>stylegallery-bench lite-minutes --style udnie --minutes 5,10,20,40</c>: a lite network's quality against distillation time.</summary>
public static class LiteMinutesCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new LiteMinutesOptions();
        var style = new Option<string>("--style") { Description = "The catalogue style to distil", DefaultValueFactory = _ => defaults.Style };
        var minutes = new Option<string>("--minutes") { Description = "Distillation budgets in minutes, comma-separated", DefaultValueFactory = _ => string.Join(',', defaults.Minutes) };
        var sides = new Option<int[]>("--sides") { Description = "Longest sides measured", AllowMultipleArgumentsPerToken = true };
        var work = new Option<string>("--work") { Description = "Folder for the distilled networks", DefaultValueFactory = _ => defaults.WorkDirectory };
        var markdown = new Option<string>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("lite-minutes", "A lite network's quality (MAE, SSIM, style and content distance to the full one) against distillation minutes")
        {
            style, minutes, sides, work, markdown,
        };
        command.SetAction(parsed => LiteMinutesBenchmark.Run(defaults with
        {
            Style = parsed.GetValue(style)!,
            Minutes = parsed.GetValue(minutes)!.Split(',').Select(m => double.Parse(m, CultureInfo.InvariantCulture)).ToList(),
            Sides = parsed.GetValue(sides) is { Length: > 0 } s ? s : defaults.Sides,
            WorkDirectory = parsed.GetValue(work)!,
            Markdown = parsed.GetValue(markdown)!,
        }, output));
        return command;
    }
}
