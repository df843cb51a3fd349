using System.Collections.Concurrent;
using StyleGallery.Engine.Runtime;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Loads each (style, precision) network once, even when several requests ask for it at the same time.
/// A failed load is not cached, so a corrected weight file is picked up on the next request; a network whose file
/// was replaced (a style trained again under its id) is loaded afresh and the stale one disposed.
/// </summary>
public sealed class FastNetworkCache(Func<string, FastNetworkSource> networkForStyle, Device? device = null) : IDisposable
{
    private readonly ConcurrentDictionary<Key, Lazy<TransformerNet>> _networks = new();

    private sealed record Key(string Style, ComputePrecision Precision, DateTime FileWritten);

    /// <summary>Networks dropped by <see cref="Forget"/>, disposed on the job thread by the next <see cref="Get"/>.</summary>
    private readonly ConcurrentQueue<Lazy<TransformerNet>> _forgotten = new();

    /// <summary>How many networks are loaded (for tests).</summary>
    internal int Count => _networks.Count;

    public TransformerNet Get(string styleId, ComputePrecision precision)
    {
        var source = Source(styleId);
        DisposeForgotten();
        var key = new Key(styleId, precision, File.GetLastWriteTimeUtc(source.Path));
        var lazy = _networks.GetOrAdd(key, k => new Lazy<TransformerNet>(() => Load(source, k.Precision)));
        try
        {
            var network = lazy.Value;
            DropStale(key);
            return network;
        }
        catch
        {
            _networks.TryRemove(new KeyValuePair<Key, Lazy<TransformerNet>>(key, lazy));
            throw;
        }
    }

    /// <summary>
    /// Drops every loaded network of a style (its file was deleted). Any thread may call it: the networks are disposed
    /// by the next <see cref="Get"/>, on the engine's job thread, so none is disposed while a stylisation uses it.
    /// </summary>
    public void Forget(string styleId)
    {
        foreach (var key in _networks.Keys.Where(k => k.Style == styleId))
        {
            if (_networks.TryRemove(key, out var dropped)) _forgotten.Enqueue(dropped);
        }
    }

    private void DisposeForgotten()
    {
        while (_forgotten.TryDequeue(out var dropped))
        {
            if (dropped.IsValueCreated) dropped.Value.Dispose();
        }
    }

    private TransformerNet Load(FastNetworkSource source, ComputePrecision precision) =>
        source.Load(source.Path, device, precision.ToScalarType());

    /// <summary>
    /// Disposes older versions of the same style and precision. Safe because stylisation runs on the engine's one job
    /// thread: no other request is using a network while this one is fetched.
    /// </summary>
    private void DropStale(Key current)
    {
        foreach (var key in _networks.Keys.Where(k => k.Style == current.Style && k.Precision == current.Precision && k != current))
        {
            if (_networks.TryRemove(key, out var stale) && stale.IsValueCreated) stale.Value.Dispose();
        }
    }

    private FastNetworkSource Source(string styleId)
    {
        FastNetworkSource source;
        try
        {
            source = networkForStyle(styleId);
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException or FileNotFoundException)
        {
            throw new UnknownStyleException(styleId, $"There is no fast style network for '{styleId}': {e.Message}", e);
        }
        if (!File.Exists(source.Path))
            throw new UnknownStyleException(styleId, $"There is no fast style network for '{styleId}': {source.Path} does not exist.");
        return source;
    }

    public void Dispose()
    {
        DisposeForgotten();
        foreach (var lazy in _networks.Values.Where(l => l.IsValueCreated)) lazy.Value.Dispose();
        _networks.Clear();
    }
}
