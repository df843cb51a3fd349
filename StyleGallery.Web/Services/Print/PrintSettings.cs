using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services.Print;

/// <summary>The studio's print sizes: what is offered, which file type a print gets, how long its file is kept.</summary>
public sealed record PrintSettings
{
    /// <summary>
    /// Longer sides offered besides the screen size and the photo's own, each only when smaller than the photo (a photo
    /// is never enlarged); at most <see cref="FastStyleOptions.MaxSideLimit"/>.
    /// </summary>
    public IReadOnlyList<int> Sizes { get; init; } = [2048, 4096, 8192];

    /// <summary>
    /// Prints up to this many pixels (4096² and a little) are PNG, lossless; larger ones JPEG (quality 92): a painting has
    /// few flat areas for PNG to compress, so a PNG of an 8192² print would be of the order of its 200 MB of pixels, far
    /// more than a browser download or the storage quota wants (estimated, not measured).
    /// </summary>
    public long PngMaxPixels { get; init; } = 16_000_000;

    /// <summary>Print files are deleted this long after they were made (checked before each new print).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);
}
