using StyleGallery.Engine.Gatys;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// How often a run watched in a browser makes a preview: every iteration, but no more often than its size allows. A
/// preview's cost (copy, PNG, transfer, decode in the page) grows with its pixels; one every half second is what a
/// 512² picture affords, so the interval scales with the area and a tiny run shows every step.
/// </summary>
public static class LivePreviewPacing
{
    private const int ReferenceSide = 512;
    private static readonly TimeSpan ReferenceInterval = TimeSpan.FromMilliseconds(500);

    public static GatysOptions Apply(GatysOptions options) =>
        options with { PreviewEveryIterations = 1, PreviewMinInterval = IntervalFor(options.MaxSide) };

    public static TimeSpan IntervalFor(int maxSide)
    {
        var area = Math.Pow(Math.Max(maxSide, 1) / (double)ReferenceSide, 2);
        return ReferenceInterval * Math.Min(area, 1);
    }
}
