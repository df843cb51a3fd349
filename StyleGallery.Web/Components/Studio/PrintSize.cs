using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Components.Studio;

/// <summary>
/// One choice of the studio's print size: <paramref name="LongSide"/> null is the screen (the one-click picture, at
/// <see cref="FastStyleOptions.MaxSide"/>), any other a print of that longer side.
/// </summary>
public sealed record PrintSize(int? LongSide, string Label)
{
    /// <summary>
    /// The choices for a photo of <paramref name="width"/> × <paramref name="height"/> (upright): the screen; each of
    /// <paramref name="sizes"/> smaller than the photo and above the screen size (a photo is never enlarged, and a print
    /// as small as the screen is the one-click picture); and the photo's own size, when it is larger than the screen and
    /// within the engine's limits (<see cref="FastStyleOptions.MaxSideLimit"/> a side, <see cref="FastStyleOptions.MaxPixelsLimit"/>
    /// pixels; a larger photo gets the largest listed size below them instead). Without a photo (null) only the screen.
    /// </summary>
    public static IReadOnlyList<PrintSize> For(int? width, int? height, IReadOnlyList<int> sizes, int screenSide)
    {
        var choices = new List<PrintSize> { new(null, $"Screen ({screenSide} px)") };
        if (width is not { } w || height is not { } h) return choices;
        var own = Math.Max(w, h);
        var ownFits = own <= FastStyleOptions.MaxSideLimit && (long)w * h <= FastStyleOptions.MaxPixelsLimit;
        foreach (var side in sizes.Where(s => s > screenSide && s < own && s <= FastStyleOptions.MaxSideLimit && Fits(w, h, s)).Distinct().Order())
            choices.Add(new PrintSize(side, $"{side} px"));
        if (own > screenSide && ownFits) choices.Add(new PrintSize(own, $"The photo's own size ({w} × {h})"));
        return choices;
    }

    private static bool Fits(int width, int height, int side)
    {
        var scale = (double)side / Math.Max(width, height);
        return (long)Math.Round(width * scale) * (long)Math.Round(height * scale) <= FastStyleOptions.MaxPixelsLimit;
    }
}
