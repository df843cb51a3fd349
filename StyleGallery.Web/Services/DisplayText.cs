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

    public const string HiddenCharactersProblem = "Use letters, digits, spaces and punctuation only: no invisible or direction-changing characters.";
}
