using StyleGallery.Engine.Imaging;

namespace StyleGallery.Cli.Commands;

/// <summary>Reading photos and writing results for commands that take a file or a folder.</summary>
public static class ImageFiles
{
    private static readonly string[] InputExtensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];

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

    public static void Write(RgbImage image, string path)
    {
        var format = EncodedFormats.FromExtension(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, ImageEncoder.Encode(image, format));
        File.Move(temp, path, overwrite: true);
    }

    private static bool IsImage(string path) => InputExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());
}
