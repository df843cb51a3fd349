using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>Real photos for the benchmarks, decoded and resampled by the engine's own Imaging code.</summary>
internal static class BenchPhotos
{
    public static IReadOnlyList<string> Jpegs(string folder) => Directory.GetFiles(folder, "*.jpg").Order().ToList();

    /// <summary>The photo resampled to exactly <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static RgbImage Load(string path, int width, int height) => ImageResizer.Resize(ImageDecoder.DecodeFile(path), width, height);

    /// <summary>The photo with its longer side scaled to <paramref name="side"/>, aspect kept.</summary>
    public static RgbImage LoadFitted(string path, int side)
    {
        var photo = ImageDecoder.DecodeFile(path);
        var (width, height) = ImageResizer.SizeWithLongestSide(photo.Width, photo.Height, side);
        return ImageResizer.Resize(photo, width, height);
    }

    /// <summary>A synthetic photo: red rising left to right, green top to bottom, so every pixel differs from its neighbours.</summary>
    public static RgbImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = ((y * width) + x) * 3;
                (pixels[at], pixels[at + 1], pixels[at + 2]) = ((byte)(255 * x / Math.Max(1, width - 1)), (byte)(255 * y / Math.Max(1, height - 1)), 128);
            }
        }
        return new RgbImage(width, height, pixels);
    }
}
