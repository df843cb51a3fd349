using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>
/// A camera moving across a still photo: where the frame's top-left corner is at each frame, in pixels (halves
/// allowed), and after how many frames the move adds up to whole pixels again, so the frames can be compared exactly.
/// </summary>
internal sealed record CameraMove(string Name, Func<int, (double X, double Y)> Corner, int Gap)
{
    public static IReadOnlyList<CameraMove> All { get; } =
    [
        new("pan 1 px", k => (k, 0), 1),
        new("pan 2 px right, 1 down", k => (2 * k, k), 1),
        new("pan 1.5 px", k => (1.5 * k, 0), 2),
        new("shake ±3 px", Shake, 1),
    ];

    /// <summary>A hand-held camera: a new whole-pixel offset in -3..3 each way every frame, the same every run.</summary>
    private static (double X, double Y) Shake(int frame)
    {
        var random = new Random(1000 + frame);
        return (random.Next(-3, 4), random.Next(-3, 4));
    }

    /// <summary>The camera's move from frame <paramref name="k"/> to frame <paramref name="k"/> + <see cref="Gap"/>, in whole pixels.</summary>
    public (int X, int Y) Move(int k)
    {
        var (a, b) = (Corner(k), Corner(k + Gap));
        return ((int)(b.X - a.X), (int)(b.Y - a.Y));
    }

    /// <summary>
    /// The frames: windows of the photo seen at twice the size (so half pixels are whole there), each halved. The camera
    /// starts <paramref name="room"/> pixels inside the photo and moves at most 2 pixels a frame, so it never leaves it.
    /// </summary>
    public IReadOnlyList<RgbImage> Frames(RgbImage photo, int width, int height, int count, int room)
    {
        var sceneWidth = 2 * (width + 2 * room + 2 * count);
        var scene = ImageResizer.Resize(photo, sceneWidth, (int)((long)sceneWidth * photo.Height / photo.Width));
        return Enumerable.Range(0, count).Select(k =>
        {
            var (x, y) = Corner(k);
            var window = scene.Crop((int)(2 * (room + x)), (int)(2 * (room + y)), 2 * width, 2 * height);
            return ImageResizer.Resize(window, width, height);
        }).ToList();
    }
}
