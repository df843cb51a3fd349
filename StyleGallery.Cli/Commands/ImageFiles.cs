using StyleGallery.Engine.Imaging;

namespace StyleGallery.Cli.Commands;

/// <summary>Reading photos and writing results for commands that take a file or a folder.</summary>
public static class ImageFiles
{
    private static readonly string[] InputExtensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];

    /// <summary>The engine's own pictures are as large as it was asked for; no upload limit applies to them.</summary>
    private static readonly ImageLimits EnginePicture = new(long.MaxValue, long.MaxValue, int.MaxValue);

    /// <summary>The photos a path names: the file itself, or a folder's images in name order.</summary>
    public static IReadOnlyList<string> Inputs(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(IsImage).Order(StringComparer.Ordinal).ToList()
            : [path];

    /// <summary>Where a result goes: <paramref name="output"/> itself for one file, else a file in that folder.</summary>
    public static string OutputFor(string input, string output, bool batch)
    {
        if (!batch) return output;
        Directory.CreateDirectory(output);
        return Path.Combine(output, Path.GetFileNameWithoutExtension(input) + ".png");
    }

    /// <summary>
    /// Writes a picture the engine handed back as PNG in the format <paramref name="path"/> names: the bytes as they
    /// are for a .png, re-encoded otherwise. Returns the picture's size.
    /// </summary>
    public static (int Width, int Height) WritePng(byte[] png, string path)
    {
        var format = EncodedFormats.FromExtension(path);
        var header = ImageDecoder.Probe(png);
        WriteAtomically(path, format == EncodedFormat.Png ? png : ImageEncoder.Encode(Decode(png), format));
        return (header.Width, header.Height);
    }

    /// <summary>Decodes a picture the engine handed back, however large it was asked to make it.</summary>
    public static RgbImage Decode(byte[] png) => ImageDecoder.Decode(png, EnginePicture);

    /// <summary>A finished file or none: a run stopped half-way never leaves a truncated picture.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private static bool IsImage(string path) => InputExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());
}
