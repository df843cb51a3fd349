using System.CommandLine;
using StyleGallery.Engine.Client;

namespace StyleGallery.Cli.Commands;

/// <summary>The <c>--style</c> of the commands that run a fast style network (<c>fast</c>, <c>video</c>), and its check.</summary>
public static class FastStyleArgument
{
    public static Option<string> Create() =>
        new("--style") { Description = "Fast style id, from the catalogue or trained here (see 'models list')", Required = true };

    /// <summary>Null for a catalogue fast style or one trained here; otherwise the message, listing those that exist.</summary>
    public static string? WhyNot(IStyleEngineClient engine, string id)
    {
        var styles = engine.FastStyles();
        return styles.Any(s => s.Id == id) ? null : $"'{id}' is not a fast style. Fast styles: {string.Join(", ", styles.Select(s => s.Id))}.";
    }
}
