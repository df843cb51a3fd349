using System.Globalization;

namespace StyleGallery.Web.Services;

/// <summary>
/// Names visitors give that everyone sees (a painting's title and artist, a trained style's name) must read as they
/// are: no control characters, and no invisible format characters such as the bidi overrides that make
/// "…gpj.lmth" display as "…html.jpg".
/// </summary>
public static class DisplayText
{
    /// <summary>Whether <paramref name="text"/> holds a control or format character (bidi overrides, zero-width marks).</summary>
    public static bool HasHiddenCharacters(string text) =>
        text.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format);

    /// <summary>A size as people read it: "820 KB", "12.5 MB", "1.2 GB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{Math.Max(1, bytes / 1024)} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
    };

    public const string HiddenCharactersProblem = "Use letters, digits, spaces and punctuation only: no invisible or direction-changing characters.";
}
