using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services.Print;

/// <summary>The studio's print sizes: what is offered, which file type a print gets, how long its file is kept.</summary>
public sealed record PrintSettings
{
    /// <summary>The sizes offered when <see cref="Sizes"/> is not set.</summary>
    public static readonly IReadOnlyList<int> DefaultSizes = [2048, 4096, 8192];

    /// <summary>
    /// Longer sides offered besides the screen size and the photo's own, each only when smaller than the photo (a photo
    /// is never enlarged); at most <see cref="FastStyleOptions.MaxSideLimit"/>. Null means <see cref="DefaultSizes"/>: a
    /// default list here would be added to, not replaced by, a configured one (the configuration binder appends).
    /// </summary>
    public IReadOnlyList<int>? Sizes { get; init; }

    /// <summary>The sizes the studio offers.</summary>
    public IReadOnlyList<int> OfferedSizes => Sizes ?? DefaultSizes;

    /// <summary>
    /// Prints up to this many pixels (4096² and a little) are PNG, lossless; larger ones JPEG (quality 92): a painting has
    /// few flat areas for PNG to compress, so a PNG of an 8192² print would be of the order of its 200 MB of pixels, far
    /// more than a browser download or the storage quota wants (estimated, not measured).
    /// </summary>
    public long PngMaxPixels { get; init; } = 16_000_000;

    /// <summary>
    /// The largest piece of a print painted at once (<see cref="PrintRequest.MaxCore"/>): larger prints are painted in
    /// tiles of at most this side, so a one-click picture waits for one tile run at most. Larger is faster for the print
    /// (fewer, or no, statistics passes) and slower for everyone else's pictures meanwhile.
    /// </summary>
    public int MaxTile { get; init; } = PrintRequest.DefaultMaxCore;

    /// <summary>Print files are deleted this long after they were made (checked before each new print).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);
}
