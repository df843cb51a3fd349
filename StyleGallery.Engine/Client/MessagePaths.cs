using System.Text.RegularExpressions;

namespace StyleGallery.Engine.Client;

/// <summary>
/// Messages that leave the server name files, not folders: a visitor who reads "The style image 'user-x.jpg' does not
/// exist" learns nothing of where the server keeps its data. The log keeps the full message.
/// </summary>
internal static partial class MessagePaths
{
    /// <summary>Every absolute path in <paramref name="message"/> shortened to its file name.</summary>
    public static string ToFileNames(string message) =>
        AbsolutePath().Replace(message, m => m.Groups["file"].Value is { Length: > 0 } file ? file : "…");

    // A slash that starts a path: not inside a word, a URL ("https://") or a ratio ("frames/s").
    [GeneratedRegex("""(?<![\w:/.\-])/(?:[^\s'"<>|/]+/)+(?<file>[^\s'"<>|/]*)""")]
    private static partial Regex AbsolutePath();
}
