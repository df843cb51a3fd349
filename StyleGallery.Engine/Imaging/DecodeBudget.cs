namespace StyleGallery.Engine.Imaging;

/// <summary>
/// How many pixels every decode in the process may hold at once, so a burst of uploads cannot take the memory. Each decode
/// asks for what its buffers cost, counted in pixels of the largest buffers it holds together (about 4 to 7 bytes
/// each): the stored size for a picture decoded whole, the rows in flight and the reduced copies for one decoded to a
/// working size. A decode that does not fit waits up to <see cref="Wait"/> for others to finish, then is refused with
/// <see cref="DecodeBusyException"/>. One that asks for more than the whole budget runs alone.
/// </summary>
public sealed class DecodeBudget
{
    /// <summary>Enough for a few pictures decoded to the largest working sizes, or one 48 MP picture decoded whole.</summary>
    public const long DefaultPixels = 48_000_000;

    /// <summary>A decode of a large picture takes a second or two; waiting longer than a few of them is a sign of a flood.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    // A plain object, not a Lock: waiting needs Monitor.Wait.
    private readonly object _lock = new();
    private long _inUse;

    public DecodeBudget(long pixels = DefaultPixels, TimeSpan? wait = null) => Configure(pixels, wait ?? DefaultWait);

    /// <summary>The process's budget, which <see cref="ImageDecoder"/> uses unless given another; hosts size it at start.</summary>
    public static DecodeBudget Shared { get; } = new();

    public long Pixels { get; private set; }

    public TimeSpan Wait { get; private set; }

    /// <summary>Pixels held by decodes now.</summary>
    public long InUse
    {
        get
        {
            lock (_lock) return _inUse;
        }
    }

    /// <summary>Changes the size and the wait; decodes already running keep what they hold.</summary>
    public void Configure(long pixels, TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        lock (_lock)
        {
            (Pixels, Wait) = (pixels, wait);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Holds <paramref name="pixels"/> until the lease is disposed; waits for them up to <see cref="Wait"/>.</summary>
    /// <exception cref="DecodeBusyException">The budget stayed full for the whole wait.</exception>
    public Lease Acquire(long pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 0);
        lock (_lock)
        {
            var asked = Math.Min(pixels, Pixels);
            var deadline = Environment.TickCount64 + (long)Wait.TotalMilliseconds;
            while (_inUse > 0 && _inUse + asked > Pixels)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0) throw new DecodeBusyException();
                Monitor.Wait(_lock, TimeSpan.FromMilliseconds(left));
            }
            _inUse += asked;
            return new Lease(this, asked);
        }
    }

    private void Release(long pixels)
    {
        lock (_lock)
        {
            _inUse -= pixels;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Pixels held from a budget; dispose to give them back.</summary>
    public sealed class Lease : IDisposable
    {
        private DecodeBudget? _budget;

        internal Lease(DecodeBudget budget, long pixels) => (_budget, Pixels) = (budget, pixels);

        public long Pixels { get; }

        public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release(Pixels);
    }
}
