using SkiaSharp;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Cli.Bench;

/// <summary>Real photos for the benchmark, decoded with SkiaSharp and resampled to an exact size.</summary>
internal static class BenchPhotos
{
    public static IReadOnlyList<string> Jpegs(string folder) => Directory.GetFiles(folder, "*.jpg").Order().ToList();

    public static RgbImage Load(string path, int width, int height)
    {
        using var decoded = SKBitmap.Decode(path) ?? throw new InvalidDataException($"Cannot decode {path}.");
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var resized = decoded.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var rgba = resized.Bytes; // Rgba8888 was asked for, so no BGRA swap is needed
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4) (rgb[i], rgb[i + 1], rgb[i + 2]) = (rgba[j], rgba[j + 1], rgba[j + 2]);
        return new RgbImage(width, height, rgb);
    }

    /// <summary>The photo with its longer side scaled to <paramref name="side"/>, aspect kept.</summary>
    public static RgbImage LoadFitted(string path, int side)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException($"Cannot decode {path}.");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        var scale = (double)side / Math.Max(w, h);
        return Load(path, Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
    }
}
