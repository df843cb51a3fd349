using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Loads each (style, precision) network once, even when several requests ask for it at the same time.
/// A failed load is not cached, so a corrected weight file is picked up on the next request.
/// </summary>
public sealed class FastNetworkCache(Func<string, string> weightsPathForStyle, Device? device = null) : IDisposable
{
    private readonly ConcurrentDictionary<(string Style, FastPrecision Precision), Lazy<TransformerNet>> _networks = new();

    public TransformerNet Get(string styleId, FastPrecision precision)
    {
        var key = (styleId, precision);
        var lazy = _networks.GetOrAdd(key, k => new Lazy<TransformerNet>(() => Load(k.Style, k.Precision)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _networks.TryRemove(new KeyValuePair<(string, FastPrecision), Lazy<TransformerNet>>(key, lazy));
            throw;
        }
    }

    private TransformerNet Load(string styleId, FastPrecision precision)
    {
        var path = WeightsPath(styleId);
        var dtype = precision == FastPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
        return TransformerNet.FromPretrained(path, device, dtype);
    }

    private string WeightsPath(string styleId)
    {
        string path;
        try
        {
            path = weightsPathForStyle(styleId);
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException or FileNotFoundException)
        {
            throw new UnknownStyleException(styleId, $"There is no fast style network for '{styleId}': {e.Message}", e);
        }
        if (!File.Exists(path))
            throw new UnknownStyleException(styleId, $"There is no fast style network for '{styleId}': {path} does not exist.");
        return path;
    }

    public void Dispose()
    {
        foreach (var lazy in _networks.Values.Where(l => l.IsValueCreated)) lazy.Value.Dispose();
        _networks.Clear();
    }
}
