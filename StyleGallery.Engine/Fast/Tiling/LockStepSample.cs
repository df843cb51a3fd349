using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// <see cref="TileStatistics.Sampled"/>: one forward of the network over a set of sample tiles in lock-step. Every tile
/// runs on a thread of its own, but only one computes at a time (a baton), so the work and the transient memory are those
/// of one tile; at each instance-norm layer the tiles stop, the mean and variance of all their <b>cores</b> at that layer
/// are merged (<see cref="MomentAccumulator"/>; halos excluded, the region scaled to the layer's resolution by
/// <see cref="CoreRegion"/>), and every tile goes on normalised by those shared statistics, which are recorded.
/// <para>
/// With every tile of a plan in the sample this is exact, by induction over the layers: if the layers before k used the
/// whole picture's statistics, each core's activation at layer k is the untiled one (the halo covers the receptive field),
/// the cores partition the picture at every scale, so their merged moments are the whole picture's at layer k. With a
/// subset the statistics are those of the sampled regions, each layer's computed given the earlier layers' sampled ones.
/// </para>
/// <para>
/// With a <see cref="Guide"/> (the whole picture scaled down) the guide runs in the lock-step too, and each layer's
/// statistics are a difference estimate: the guide's over the whole picture, corrected by how the sample's full-size
/// statistics differ from the guide's over the same regions (mean by the difference, variance by the ratio). The guide
/// sees all of the picture, the sample the right scale.
/// </para>
/// </summary>
internal sealed class LockStepSample : IDisposable
{
    private readonly SemaphoreSlim _baton = new(1, 1);
    private readonly List<LayerStatistics> _found = [];
    private readonly bool _guided;
    private MomentAccumulator _sample = new();
    private MomentAccumulator _guideWhole = new();
    private MomentAccumulator _guideSample = new();

    private LockStepSample(bool guided) => _guided = guided;

    /// <summary>
    /// The whole picture scaled down, as the network sees it (mirror-padded), and where the sample tiles' cores fall in it.
    /// </summary>
    /// <param name="Run">Runs the network over the scaled picture (on the guide's thread; disposes what it makes).</param>
    /// <param name="Regions">For an activation of the scaled picture at one layer ([1,C,h,w]), the sample cores' regions in it (views to dispose).</param>
    public sealed record Guide(Action Run, Func<Tensor, IReadOnlyList<Tensor>> Regions);

    /// <summary>
    /// Runs <paramref name="forward"/> for every tile of <paramref name="tiles"/> in lock-step (and the
    /// <paramref name="guide"/>, if any) and returns the statistics of every instance-norm layer, in forward order.
    /// <paramref name="forward"/> runs on the tile's own thread (with the lock-step's override in force and no gradient)
    /// and must dispose what it makes.
    /// </summary>
    public static IReadOnlyList<LayerStatistics> Run(IReadOnlyList<Tile> tiles, Action<Tile> forward, Action<Tile>? onDone, CancellationToken ct, Guide? guide = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tiles.Count);
        using var run = new LockStepSample(guide is not null);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var errors = new List<Exception>();
        using var barrier = new Barrier(tiles.Count + (guide is null ? 0 : 1), _ => run.EndLayer());
        var threads = tiles.Select(tile => new Thread(() => run.RunMember(new TileMember(run, tile), () => forward(tile), () => onDone?.Invoke(tile), barrier, errors, failed))
        {
            IsBackground = true,
            Name = $"lock-step tile {tile.Index}",
        }).ToList();
        if (guide is not null)
        {
            threads.Add(new Thread(() => run.RunMember(new GuideMember(run, guide), guide.Run, null, barrier, errors, failed))
            {
                IsBackground = true,
                Name = "lock-step guide",
            });
        }
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        ct.ThrowIfCancellationRequested();
        if (errors.Count > 0) throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        return run._found;
    }

    public void Dispose() => _baton.Dispose();

    private void RunMember(Member member, Action forward, Action? onDone, Barrier barrier, List<Exception> errors, CancellationTokenSource failed)
    {
        try
        {
            _baton.Wait(failed.Token);
            member.Holding = true;
            member.Barrier = barrier;
            member.Cancellation = failed.Token;
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using (InstanceStatisticsOverride.Use(member))
            {
                member.BeginForward();
                forward();
            }
            onDone?.Invoke();
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            lock (errors) errors.Add(e);
            failed.Cancel();
        }
        finally
        {
            try
            {
                barrier.RemoveParticipant();
            }
            catch (InvalidOperationException)
            {
            }
            if (member.Holding) _baton.Release();
        }
    }

    /// <summary>The barrier's post-phase action: every member has added its regions at this layer.</summary>
    private void EndLayer()
    {
        var sample = _sample.Result();
        _found.Add(_guided ? Corrected(_guideWhole.Result(), sample, _guideSample.Result()) : sample);
        (_sample, _guideWhole, _guideSample) = (new(), new(), new());
    }

    /// <summary>The guide's statistics of the whole picture, corrected by the sample's against the guide's over the same regions.</summary>
    internal static LayerStatistics Corrected(LayerStatistics guide, LayerStatistics sample, LayerStatistics guideOverSample)
    {
        var channels = guide.Channels;
        var mean = new double[channels];
        var variance = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            mean[c] = guide.Mean[c] + sample.Mean[c] - guideOverSample.Mean[c];
            variance[c] = guideOverSample.Variance[c] > 1e-12 ? guide.Variance[c] * sample.Variance[c] / guideOverSample.Variance[c] : sample.Variance[c];
        }
        return new LayerStatistics(mean, variance);
    }

    /// <summary>One participant of the lock-step: adds its regions at each layer, waits for the others, goes on with the shared statistics.</summary>
    private abstract class Member(LockStepSample run) : InstanceStatisticsOverride
    {
        protected LockStepSample Run => run;

        public bool Holding { get; set; }

        public Barrier? Barrier { get; set; }

        public CancellationToken Cancellation { get; set; }

        protected abstract void Add(Tensor input);

        protected override Tensor Normalize(int index, AffineInstanceNorm layer, Tensor input, Tensor weight, Tensor bias)
        {
            Add(input);
            Holding = false;
            run._baton.Release();
            Barrier!.SignalAndWait(Cancellation);
            run._baton.Wait(Cancellation);
            Holding = true;
            return Apply(run._found[index], input, weight, bias, layer.Epsilon);
        }
    }

    private sealed class TileMember(LockStepSample lockStep, Tile tile) : Member(lockStep)
    {
        protected override void Add(Tensor input)
        {
            using var core = CoreRegion.Of(input, tile);
            Run._sample.Add(core);
        }
    }

    private sealed class GuideMember(LockStepSample lockStep, Guide guide) : Member(lockStep)
    {
        protected override void Add(Tensor input)
        {
            Run._guideWhole.Add(input);
            foreach (var region in guide.Regions(input))
            {
                using (region) Run._guideSample.Add(region);
            }
        }
    }
}
