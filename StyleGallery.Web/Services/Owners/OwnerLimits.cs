using StyleGallery.Engine.Client;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// How many jobs of each kind one browser may have queued or running, one rule per kind: optimisations, videos and prints
/// <see cref="StyleGalleryWebOptions.MaxConcurrentJobsPerOwner"/> each, trainings <see cref="TrainingsPerOwner"/>, live
/// versions <see cref="DistillationsPerOwner"/>;
/// fast pictures and camera frames have none (they take seconds and hold nothing). A start reserves its slot before any
/// work, atomically, so two requests at once cannot both take the last one; the slot goes to the job before it is
/// queued and comes back when the job ends (<see cref="OwnerLimitsRelease"/> calls <see cref="Ended"/>), or at once
/// when the start fails. The counts live in memory; after a restart the optimisations the engine resumed are handed
/// back to their browsers (<see cref="Adopt"/>, from their picture records), while videos and trainings, which have no
/// record of their browser, and prints, whose browser is kept only as a hash of its token, start afresh. A script without the cookie would be a new browser with each request, so its
/// jobs count by its address instead (<see cref="Limits.ClientAddress"/>): all of them from one address share
/// <see cref="StyleGalleryWebOptions.MaxConcurrentJobsPerAddress"/> slots (issue 18 point 2).
/// </summary>
public sealed class OwnerLimits(StyleGalleryWebOptions options)
{
    /// <summary>A training keeps the engine busy for half an hour or more: one at a time per browser is its fair share.</summary>
    public const int TrainingsPerOwner = 1;

    /// <summary>A live version (a distillation) is a long job too: one at a time per browser.</summary>
    public const int DistillationsPerOwner = 1;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Owner, JobKind Kind), int> _taken = [];
    private readonly Dictionary<string, OwnerSlot> _slotOfJob = new(StringComparer.Ordinal);

    /// <summary>The most jobs of this kind one browser may have on their way; null for no limit.</summary>
    public int? LimitOf(JobKind kind) => kind switch
    {
        JobKind.Optimise or JobKind.Video or JobKind.Print => options.MaxConcurrentJobsPerOwner,
        JobKind.Train => TrainingsPerOwner,
        JobKind.Distill => DistillationsPerOwner,
        _ => null,
    };

    /// <summary>The most jobs of this kind the cookie-less clients of one address may have on their way together.</summary>
    public int? AddressLimitOf(JobKind kind) => LimitOf(kind) is null ? null : options.MaxConcurrentJobsPerAddress;

    /// <summary>
    /// Takes one of the browser's slots for a job of <paramref name="kind"/>, or, for a request without the owner cookie,
    /// one of its <paramref name="address"/>'s (<see cref="Limits.ClientAddress.KeyOf"/>). Dispose the slot when the start
    /// is over: it comes back then unless <see cref="OwnerSlot.Started"/> gave it to a job. With neither (a caller
    /// inside the app) nothing is limited.
    /// </summary>
    /// <exception cref="OwnerLimitException">Every slot of this browser, or address, for this kind is taken.</exception>
    public OwnerSlot Reserve(string? owner, JobKind kind, string? address = null)
    {
        var key = owner ?? address;
        if (key is null || (owner is null ? AddressLimitOf(kind) : LimitOf(kind)) is not { } limit) return new OwnerSlot(this, null, kind);
        lock (_lock)
        {
            var taken = _taken.GetValueOrDefault((key, kind));
            if (taken >= limit) throw owner is null ? AddressRefusal(limit) : Refusal(kind, limit);
            _taken[(key, kind)] = taken + 1;
        }
        return new OwnerSlot(this, key, kind);
    }

    /// <summary>
    /// Counts a job the browser already has on its way (one resumed after a restart) whatever the limit: it runs
    /// anyway. Its end gives the slot back as any other's; check the job has not ended already after adopting it.
    /// </summary>
    public void Adopt(string owner, JobKind kind, string jobId)
    {
        var slot = new OwnerSlot(this, owner, kind);
        lock (_lock)
        {
            _taken[(owner, kind)] = _taken.GetValueOrDefault((owner, kind)) + 1;
            _slotOfJob[jobId] = slot;
        }
    }

    /// <summary>The job has ended, however it ended: its slot, if it holds one, comes back.</summary>
    public void Ended(string jobId)
    {
        lock (_lock)
        {
            if (_slotOfJob.Remove(jobId, out var slot)) Release(slot);
        }
    }

    /// <summary>Slots the browser holds now for this kind.</summary>
    public int TakenBy(string owner, JobKind kind)
    {
        lock (_lock) return _taken.GetValueOrDefault((owner, kind));
    }

    internal void Hold(OwnerSlot slot, string jobId)
    {
        if (slot.Owner is null) return;
        lock (_lock)
        {
            if (!slot.IsReleased) _slotOfJob[jobId] = slot;
        }
    }

    internal void GiveBack(OwnerSlot slot)
    {
        if (slot.Owner is null) return;
        lock (_lock)
        {
            if (slot.JobId is { } job) _slotOfJob.Remove(job);
            Release(slot);
        }
    }

    /// <summary>Under the lock; once per slot, whoever gives it back first (the job's end or the failed start).</summary>
    private void Release(OwnerSlot slot)
    {
        if (slot.IsReleased) return;
        slot.IsReleased = true;
        var key = (slot.Owner!, slot.Kind);
        var left = _taken.GetValueOrDefault(key) - 1;
        if (left > 0) _taken[key] = left;
        else _taken.Remove(key);
    }

    private static OwnerLimitException AddressRefusal(int limit) => new(limit, "picture",
        "being painted from this address without a cookie; wait for one to finish or cancel it (with its secret)", ending: "");

    private static OwnerLimitException Refusal(JobKind kind, int limit) => kind switch
    {
        JobKind.Video => new OwnerLimitException(limit, "video"),
        JobKind.Print => new OwnerLimitException(limit, "print"),
        JobKind.Train => new OwnerLimitException(limit, "style", "being trained"),
        JobKind.Distill => new OwnerLimitException(limit, "live version", "being made"),
        _ => new OwnerLimitException(limit),
    };
}
