using StyleGallery.Engine.Jobs;

namespace StyleGallery.Tests.Jobs;

/// <summary>A fake job whose work is whatever the test passes in.</summary>
internal sealed class DelegateJob(string description, Func<JobContext, object?> run, bool interactive = false, bool transient = false) : IEngineJob
{
    public string Kind => "delegate";
    public string Description => description;
    public bool Interactive => interactive;
    public bool Transient => transient;
    public object? Run(JobContext context) => run(context);

    public static DelegateJob Returning(object? result) => new($"returns {result}", _ => result);
}
