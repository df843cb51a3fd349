using StyleGallery.Engine.Gatys;

namespace StyleGallery.Web.Components.Studio;

/// <summary>
/// The studio's editable copy of <see cref="GatysOptions"/>: a preset plus the advanced fields. Defaults come from
/// GatysOptions itself except the output size and iteration count, kept small so a first run on a CPU is quick, and the
/// start: after 100 iterations a picture grown from noise still shows the noise, one started from the photo is a clean
/// painting (docs/gatys.md, "The studio starts from the photo"). Previews are paced at submission
/// (<see cref="Services.Jobs.LivePreviewPacing"/>).
/// </summary>
public sealed class OptimiseSettings
{
    public string Preset { get; set; } = GatysPresets.Gatys.Name;
    public GatysOptions Options { get; set; } = GatysPresets.Gatys.ApplyTo(new GatysOptions()) with { MaxSide = 256, Iterations = 100, Init = GatysInit.Content };

    public void ApplyPreset(string name)
    {
        Preset = name;
        Options = GatysPresets.Get(name).ApplyTo(Options);
    }

    /// <summary>Everything wrong with the options, as the engine will check them (the paintings are the style mix's to check).</summary>
    public IReadOnlyList<string> Problems() => Options.Problems();
}
