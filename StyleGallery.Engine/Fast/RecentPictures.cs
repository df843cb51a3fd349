using System.Security.Cryptography;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// The network's last few pictures, by network and photo. The colours and the strength are pixel operations after the
/// network, so a person trying another strength on the same photo gets it in milliseconds instead of a second or
/// two of network. Keyed by the network instance (a style trained again is a new one) and the photo's pixels.
/// </summary>
internal sealed class RecentPictures(int capacity)
{
    private readonly LinkedList<(Key Key, RgbImage Painted)> _entries = new();
    private readonly Lock _lock = new();

    private sealed record Key(TransformerNet Network, int EdgePadding, int Width, int Height, string PixelHash);

    /// <summary>The cached picture of <paramref name="photo"/> by <paramref name="network"/>, else <paramref name="paint"/>'s, remembered.</summary>
    public RgbImage GetOrPaint(TransformerNet network, RgbImage photo, int edgePadding, Func<RgbImage> paint)
    {
        var key = new Key(network, edgePadding, photo.Width, photo.Height, Convert.ToHexString(SHA256.HashData(photo.Pixels)));
        lock (_lock)
        {
            if (_entries.FirstOrDefault(e => e.Key == key) is { Painted: not null } hit)
            {
                _entries.Remove(hit);
                _entries.AddFirst(hit);
                return Copy(hit.Painted);
            }
        }
        var painted = paint();
        lock (_lock)
        {
            _entries.AddFirst((key, Copy(painted)));
            while (_entries.Count > capacity) _entries.RemoveLast();
        }
        return painted;
    }

    /// <summary>Callers own what they get: a picture handed out is never the one kept.</summary>
    private static RgbImage Copy(RgbImage image) => new(image.Width, image.Height, (byte[])image.Pixels.Clone());
}
