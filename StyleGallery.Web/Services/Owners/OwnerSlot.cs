using StyleGallery.Engine.Client;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// One browser's slot for one job (<see cref="OwnerLimits.Reserve"/>): <c>using</c> it around a start gives it back if
/// the start fails; <see cref="Started"/> hands it to the job, which gives it back when it ends.
/// </summary>
public sealed class OwnerSlot : IDisposable
{
    private readonly OwnerLimits _limits;
    private bool _started;

    internal OwnerSlot(OwnerLimits limits, string? owner, JobKind kind) => (_limits, Owner, Kind) = (limits, owner, kind);

    internal string? Owner { get; }
    internal JobKind Kind { get; }
    internal string? JobId { get; private set; }

    /// <summary>Set under the limits' lock when the slot has come back.</summary>
    internal bool IsReleased { get; set; }

    /// <summary>
    /// The slot belongs to job <paramref name="jobId"/> from now until it ends. Call it before the job is queued, with the
    /// id the request names: a job may end before <c>SubmitAsync</c> returns, and its end must find its slot.
    /// </summary>
    public void HoldFor(string jobId)
    {
        JobId = jobId;
        _limits.Hold(this, jobId);
    }

    /// <summary>The job is queued: the slot stays with it when this is disposed.</summary>
    public void Started() => _started = true;

    public void Dispose()
    {
        if (!_started) _limits.GiveBack(this);
    }
}
