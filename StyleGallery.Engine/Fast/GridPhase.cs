namespace StyleGallery.Engine.Fast;

/// <summary>
/// Where a picture enters the network's stride grid: 0..3 pixels to the right and down. The network's two stride-2
/// convolutions make it equivariant only to shifts by whole multiples of 4 pixels (Zhang 2019, "Making Convolutional
/// Networks Shift-Invariant Again"): the same scene moved by 1 or 2 pixels is painted with other brush strokes, which
/// is most of a moving video's flicker (docs/video.md). Entering every frame at the phase of the camera's accumulated
/// motion keeps the scene on one grid, so the strokes move with it.
/// </summary>
public readonly record struct GridPhase
{
    /// <summary>The network's total stride: two stride-2 convolutions.</summary>
    public const int Period = 4;

    public GridPhase(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Period);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Period);
        X = x;
        Y = y;
    }

    public int X { get; }
    public int Y { get; }

    /// <summary>The phase of a scene that has moved <paramref name="shiftX"/>, <paramref name="shiftY"/> pixels in all (any sign).</summary>
    public static GridPhase Of(long shiftX, long shiftY) => new(Wrap(shiftX), Wrap(shiftY));

    private static int Wrap(long shift) => (int)(((shift % Period) + Period) % Period);
}
