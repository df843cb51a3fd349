using StyleGallery.Engine.Jobs;

namespace StyleGallery.Data;

/// <summary>
/// A durable engine job (an optimisation, a training, a video): written before the job is queued and kept in step by
/// the engine, so its state is the database's, not a process's (<see cref="EfJobStore"/>).
/// </summary>
public sealed class JobRow
{
    /// <summary>The engine job's id (22 characters of base64url); an optimisation's picture has the same id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The engine's name of the kind of work ("gatys", "train", "video").</summary>
    public string Kind { get; set; } = "";

    public JobStatus Status { get; set; }

    /// <summary>The request as the engine serialised it: everything needed to run the job again.</summary>
    public byte[] Request { get; set; } = [];

    /// <summary>How many times a process started running it; a crash leaves it Running with this count.</summary>
    public int Attempts { get; set; }

    public int? CheckpointStep { get; set; }

    /// <summary>What the job needs to go on from <see cref="CheckpointStep"/> (an optimisation's picture as PNG).</summary>
    public byte[]? Checkpoint { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
