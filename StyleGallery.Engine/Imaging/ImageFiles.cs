namespace StyleGallery.Engine.Imaging;

/// <summary>Picture files written for people to download: a poster from the CLI, a print from the web.</summary>
public static class ImageFiles
{
    /// <summary>
    /// Writes the picture under a temporary name and moves it into place, so a file with the name is always complete:
    /// a reader (or a job run again after a crash) never sees half a picture.
    /// </summary>
    public static void WriteAtomically(RgbImage picture, string path, EncodedFormat format)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        try
        {
            using (var file = File.Create(temporary)) ImageEncoder.EncodeTo(picture, file, format);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
