namespace StyleGallery.Engine.Jobs;

/// <summary>Base for jobs with a typed result, so a job can be unit-tested without casting.</summary>
public abstract class EngineJob<TResult> : IEngineJob
{
    public abstract string Kind { get; }

    public abstract string Description { get; }

    /// <inheritdoc cref="IEngineJob.Interactive"/>
    public virtual bool Interactive => false;

    /// <inheritdoc cref="IEngineJob.Transient"/>
    public virtual bool Transient => false;

    /// <inheritdoc cref="IEngineJob.Run"/>
    public abstract TResult Run(JobContext context);

    object? IEngineJob.Run(JobContext context) => Run(context);
}
