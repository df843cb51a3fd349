using StyleGallery.Engine.Training;

namespace StyleGallery.Web.Services.Training;

/// <summary>A training setting as the dialog offers it; the numbers are the options' own (<see cref="TrainingOptions.Summary"/>).</summary>
/// <param name="Key">Stable name for forms and tests ("quick", "full").</param>
public sealed record TrainingPreset(string Key, string Name, string Duration, TrainingOptions Options)
{
    /// <summary>"Quick (~30 min here: 160 px crops, half width, 1500 steps)".</summary>
    public string Label => $"{Name} ({Duration}: {Options.Summary()})";

    /// <summary>The presets of <see cref="TrainingOptions"/>, with how long each takes on the 2-core development machine.</summary>
    public static IReadOnlyList<TrainingPreset> Defaults { get; } =
    [
        new("quick", "Quick", "~30 min here", TrainingOptions.Quick),
        new("full", "Full", "hours on a CPU", TrainingOptions.Full),
    ];
}
