namespace StyleGallery.Engine.Training;

/// <summary>Training settings that cannot work; the message lists every problem.</summary>
public sealed class InvalidTrainingOptionsException(IReadOnlyList<string> problems)
    : ArgumentException("Invalid training settings: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>The photo folder is missing, empty, or holds no image that decodes.</summary>
public sealed class TrainingDataException(string message) : Exception(message);

/// <summary>The style image cannot be read.</summary>
public sealed class StyleImageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The loss became NaN/infinite or exploded; nothing was saved from the broken weights.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

/// <summary>A checkpoint that does not belong to this run (other architecture, missing tensors, bad metadata).</summary>
public sealed class InvalidCheckpointException(string message) : Exception(message);
