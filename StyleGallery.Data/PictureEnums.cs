namespace StyleGallery.Data;

/// <summary>How a picture was made: a one-click fast network, or a Gatys optimisation.</summary>
public enum PictureKind
{
    Fast,
    Optimise,
}

/// <summary>A picture's life, mirroring the engine job's (stored as text, so the database stays readable).</summary>
public enum PictureStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
