using System.Globalization;
using System.Text;

namespace StyleGallery.Web.Services.Training;

/// <summary>A proposed name for a new style: the id it becomes, or why it cannot be used.</summary>
public sealed record StyleName(string Title, string Id, string? Problem)
{
    public const int MaxTitleLength = 60;

    public bool IsValid => Problem is null;

    /// <summary>Checks the name on its own; whether the id is taken is the launcher's to add.</summary>
    public static StyleName From(string? title)
    {
        var trimmed = (title ?? "").Trim();
        var id = Slug(trimmed);
        string? problem = trimmed.Length switch
        {
            0 => "Give your style a name.",
            > MaxTitleLength => $"Keep the name to {MaxTitleLength} characters.",
            _ when DisplayText.HasHiddenCharacters(trimmed) => DisplayText.HiddenCharactersProblem,
            _ when id.Length == 0 => "Use at least one letter or digit.",
            _ => null,
        };
        return new StyleName(trimmed, id, problem);
    }

    public StyleName Taken(string why) => this with { Problem = why };

    /// <summary>"Mon Étoile 2!" → "mon-etoile-2": lowercase ASCII letters and digits, other runs become one '-'.</summary>
    public static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue; // drops accents
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var id = slug.ToString().Trim('-');
        id = id.Length > 64 ? id[..64].TrimEnd('-') : id;
        return id;
    }
}
