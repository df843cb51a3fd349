using StyleGallery.Engine.Client;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Services.Owners;

/// <summary>Gives a job's slot back to its browser when the job ends, however it ended (<see cref="OwnerLimits.Ended"/>).</summary>
public sealed class OwnerLimitsRelease(IStyleEngineClient engine, OwnerLimits limits, ILogger<OwnerLimitsRelease> logger) : JobWatcher(engine, logger)
{
    protected override Task OnChangedAsync(JobState state, CancellationToken cancellationToken)
    {
        if (state.IsFinished) limits.Ended(state.Id);
        return Task.CompletedTask;
    }
}
