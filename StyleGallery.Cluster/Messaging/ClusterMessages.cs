using StyleGallery.Engine.Client;

namespace StyleGallery.Cluster.Messaging;

/// <summary>Every message between web nodes and engine workers; the type name travels as the AMQP message type.</summary>
public abstract record ClusterMessage;

/// <summary>Job lane (durable, one consumer per worker): run the durable job whose row has this id.</summary>
public sealed record RunJob(string JobId) : ClusterMessage;

/// <summary>Control (every worker): cancel this job; with <paramref name="Forget"/>, its owner deleted it.</summary>
public sealed record CancelJob(string JobId, bool Forget) : ClusterMessage;

/// <summary>Control (every worker): a web node deleted this trained style's files; let go of any network loaded from them.</summary>
public sealed record ForgetTrainedStyle(string StyleId) : ClusterMessage;

/// <summary>Events (every web node): a job's state changed.</summary>
public sealed record JobChanged(JobState State) : ClusterMessage;

/// <summary>Events (every web node): a job was deleted; forget everything about it.</summary>
public sealed record JobForgotten(string JobId) : ClusterMessage;

/// <summary>Interactive lane: paint a photo with a fast style now; answered with <see cref="Painted"/>.</summary>
public sealed record PaintPhoto(FastRequest Request) : ClusterMessage;

/// <summary>Interactive lane: paint a live camera frame now; answered with <see cref="Painted"/>.</summary>
public sealed record PaintFrame(LiveFrameRequest Request) : ClusterMessage;

/// <summary>The answer to an interactive request: the picture, the frame, or why there is none.</summary>
public sealed record Painted(FastPicture? Picture = null, byte[]? Frame = null, Refusal? Refusal = null) : ClusterMessage;

/// <summary>An engine's refusal, carried back so the asker throws what the engine in its own process would have thrown.</summary>
public sealed record Refusal(RefusalKind Kind, IReadOnlyList<string> Problems);

public enum RefusalKind
{
    /// <summary><see cref="EngineRequestException"/>.</summary>
    Request,

    /// <summary><see cref="Engine.Jobs.QueueFullException"/> or <see cref="EngineUnavailableException"/>.</summary>
    Busy,

    /// <summary><see cref="Engine.Models.ModelInstallException"/>.</summary>
    ModelMissing,

    /// <summary><see cref="Engine.Hosting.JobFailedException"/>: the job failed.</summary>
    Failed,

    /// <summary><see cref="Engine.Hosting.JobFailedException"/>: the job was cancelled.</summary>
    Cancelled,
}
