namespace StyleGallery.Engine.Jobs;

/// <summary>The id names no job the engine knows: mistyped, or finished so long ago that it was forgotten.</summary>
public sealed class JobNotFoundException(string id)
    : KeyNotFoundException($"No job with id '{id}' is known to the engine; it may have finished long ago and been forgotten.")
{
    public string Id { get; } = id;
}
