using System.Text.RegularExpressions;

namespace StyleGallery.Engine.Models;

/// <summary>Checks a parsed catalogue for what JSON typing cannot: required text, unique ids, well-formed hashes and paths.</summary>
internal static partial class CatalogValidator
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    public static void Validate(IReadOnlyList<ModelEntry> models)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i] ?? throw new InvalidCatalogException($"Model #{i} is null.");
            var label = string.IsNullOrEmpty(model.Id) ? $"Model #{i}" : $"Model '{model.Id}'";
            foreach (var problem in Problems(model)) throw new InvalidCatalogException($"{label}: {problem}.");
            if (!ids.Add(model.Id)) throw new InvalidCatalogException($"{label}: the id is used twice.");
        }
        var paintings = models.Where(m => m.Kind == ModelKind.Painting).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var model in models.Where(m => m.Painting?.Image is { } image && !paintings.Contains(image)))
            throw new InvalidCatalogException($"Model '{model.Id}': painting.image '{model.Painting!.Image}' is not a painting of the catalogue.");
    }

    private static IEnumerable<string> Problems(ModelEntry m)
    {
        if (string.IsNullOrEmpty(m.Id) || !IdPattern().IsMatch(m.Id)) yield return "id must be lower-case letters, digits, '.', '_' or '-'";
        foreach (var (name, value) in RequiredText(m))
            if (string.IsNullOrWhiteSpace(value)) yield return $"{name} is required";
        if (m.Sha256 is null && !m.AllowUnverified) yield return "sha256 is required unless allowUnverified is true";
        if (m.Sha256 is not null && !Sha256Pattern().IsMatch(m.Sha256)) yield return "sha256 must be 64 lower-case hex digits";
        if (m.SizeBytes is <= 0) yield return "sizeBytes must be positive";
        if (m.MirrorPath is { } path && !IsSafeRelativePath(path)) yield return "mirrorPath must be a relative path with '/' separators and no '..'";
        if (m.MirrorPath is { } p && m.FileName is { } f && Path.GetFileName(p) != f) yield return "mirrorPath must end in fileName";
        foreach (var problem in m.Kind == ModelKind.Painting ? PaintingProblems(m) : NetworkProblems(m)) yield return problem;
        if (m.Sources is null) yield return "sources are required (may be empty)";
        else foreach (var problem in m.Sources.SelectMany(SourceProblems)) yield return problem;
        if (m.Sources?.Any(s => s?.Format == SourceFormat.Ml5Checkpoint && s.Sha256 is null) == true && !m.AllowUnverified)
            yield return "an ml5-checkpoint source needs the sha256 of its converted file";
    }

    private static IEnumerable<(string, string?)> RequiredText(ModelEntry m) =>
    [
        ("title", m.Title), ("fileName", m.FileName), ("mirrorPath", m.MirrorPath), ("licence", m.Licence), ("attribution", m.Attribution),
    ];

    private static IEnumerable<string> NetworkProblems(ModelEntry m)
    {
        if (string.IsNullOrWhiteSpace(m.Architecture)) yield return "architecture is required";
        if (m.Conventions is null) yield return "conventions are required";
        else foreach (var problem in ConventionProblems(m.Conventions)) yield return problem;
        if (m.Sources?.Any(s => s?.Format == SourceFormat.File) == true) yield return "a network's sources cannot be of format 'file'";
    }

    /// <summary>A painting is a picture: described by its painting record, fetched as a plain file, never converted.</summary>
    private static IEnumerable<string> PaintingProblems(ModelEntry m)
    {
        if (m.Architecture is not null || m.Conventions is not null) yield return "a painting has no architecture or conventions";
        if (m.Painting is null) yield return "a painting needs its painting record (title, artist, year)";
        else if (m.Painting.Image is not null) yield return "a painting's painting record cannot point to another image";
        if (!PaintingExtensions.Contains(Path.GetExtension(m.FileName ?? "").ToLowerInvariant())) yield return "a painting's fileName must end in .jpg, .jpeg, .png or .webp";
        if (m.Sources?.Any(s => s is not null && s.Format != SourceFormat.File) == true) yield return "a painting's sources must be of format 'file'";
    }

    private static readonly string[] PaintingExtensions = [".jpg", ".jpeg", ".png", ".webp"];

    private static IEnumerable<string> ConventionProblems(WeightConventions c)
    {
        if (c.InputScale <= 0) yield return "conventions.inputScale must be positive";
        if (c.Mean is not { Count: 3 }) yield return "conventions.mean must hold 3 numbers (R, G, B)";
        if (c.Std is not { Count: 3 } || c.Std.Any(s => s <= 0)) yield return "conventions.std must hold 3 positive numbers (R, G, B)";
    }

    private static IEnumerable<string> SourceProblems(ModelSource s)
    {
        if (s is null) { yield return "a source is null"; yield break; }
        if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return $"source url '{s.Url}' must be an absolute http(s) URL";
        if (s.Sha256 is not null && !Sha256Pattern().IsMatch(s.Sha256)) yield return $"source sha256 of '{s.Url}' must be 64 lower-case hex digits";
    }

    private static bool IsSafeRelativePath(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\') && !Path.IsPathRooted(path)
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");
}
