using System.Text.Json;
using System.Text.RegularExpressions;

namespace StyleGallery.Engine.Training;

/// <summary>A style someone trained: its network file and what it was made from (the sidecar JSON's content).</summary>
/// <param name="StyleImage">The painting's original file name.</param>
/// <param name="PaintingFile">The copy of the painting kept beside the network (null for styles registered without one).</param>
/// <param name="Teacher">For a lite network distilled from a full one, the full one's style id (its "live version" is this style).</param>
public sealed record UserStyleEntry(string Id, string Title, string StyleImage, DateTimeOffset CreatedUtc, int Steps, string FileName, string? PaintingFile = null,
    string? Teacher = null);

/// <summary>A style id that is not a lowercase slug, or that no trained style has.</summary>
public sealed class InvalidUserStyleException(string message) : ArgumentException(message);

/// <summary>
/// Styles trained on this machine, beside the checked-in catalogue: <c>&lt;models&gt;/user/&lt;id&gt;.safetensors</c> with a
/// sidecar <c>&lt;id&gt;.json</c> (<see cref="UserStyleEntry"/>). A network without its sidecar is not listed, so a
/// half-written training result never shows up. The gallery lists <see cref="List"/> next to the catalogue's fast styles.
/// </summary>
public sealed partial class UserStyles(string modelsDirectory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Folder => Path.Combine(modelsDirectory, "user");

    /// <summary>The network file a style with this id has (or will have).</summary>
    public string PathOf(string id) => Path.Combine(Folder, CheckId(id) + ".safetensors");

    /// <summary>Every registered style, by id.</summary>
    public IReadOnlyList<UserStyleEntry> List()
    {
        if (!Directory.Exists(Folder)) return [];
        return Directory.EnumerateFiles(Folder, "*.json")
            .Select(Read)
            .OfType<UserStyleEntry>()
            .Where(e => File.Exists(Path.Combine(Folder, e.FileName)))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    public bool Contains(string id) => Find(id) is not null;

    /// <summary>The registered style with this id, or null.</summary>
    public UserStyleEntry? Find(string id) => List().FirstOrDefault(e => e.Id == id);

    /// <summary>
    /// Copies the painting a style learns from to <c>&lt;id&gt;.painting&lt;ext&gt;</c> beside its network, so the gallery can
    /// show it and the studio can optimise with it after the original has moved; returns the copy's file name.
    /// </summary>
    public string KeepPainting(string id, string styleImagePath)
    {
        var name = CheckId(id) + ".painting" + Path.GetExtension(styleImagePath).ToLowerInvariant();
        Directory.CreateDirectory(Folder);
        File.Copy(styleImagePath, Path.Combine(Folder, name), overwrite: true);
        return name;
    }

    /// <summary>The kept painting of a registered style, or null when it has none.</summary>
    public string? PaintingPathOf(string id)
    {
        if (Find(id)?.PaintingFile is not { } file || Path.GetFileName(file) != file) return null;
        var path = Path.Combine(Folder, file);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Writes the sidecar of a network already at <see cref="PathOf"/>; from then on the style is listed.</summary>
    public UserStyleEntry Register(string id, string title, string styleImage, int steps, string? paintingFile = null, string? teacher = null)
    {
        var file = PathOf(id);
        if (!File.Exists(file)) throw new InvalidUserStyleException($"No trained network at '{file}' to register as '{id}'.");
        var entry = new UserStyleEntry(id, title, styleImage, DateTimeOffset.UtcNow, steps, Path.GetFileName(file), paintingFile, teacher);
        var sidecar = Path.Combine(Folder, id + ".json");
        var temporary = sidecar + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(entry, Json));
        File.Move(temporary, sidecar, overwrite: true);
        return entry;
    }

    /// <summary>
    /// Registers a lite network distilled from <paramref name="teacherId"/> (already at <see cref="PathOf"/>) as
    /// "⟨teacher's title⟩ (lite)", with a copy of the teacher's painting when it has one, so its card shows a picture.
    /// </summary>
    public UserStyleEntry RegisterDistilled(string id, string teacherId, string teacherTitle, int steps, string? teacherPainting)
    {
        var painting = teacherPainting is not null && File.Exists(teacherPainting) ? KeepPainting(id, teacherPainting) : null;
        return Register(id, LiteTitle(teacherTitle), teacherId, steps, painting, teacher: teacherId);
    }

    /// <summary>The title of a teacher's lite version: "Udnie (lite)".</summary>
    public static string LiteTitle(string teacherTitle) => teacherTitle + " (lite)";

    /// <summary>
    /// Deletes a registered style: its sidecar first (so it is no longer listed), then its network, its kept painting
    /// and its training's checkpoint folder. False when no style is registered under this id, or the id is no slug.
    /// </summary>
    public bool Delete(string id)
    {
        if (!IdPattern().IsMatch(id) || Find(id) is not { } entry) return false;
        File.Delete(Path.Combine(Folder, id + ".json"));
        File.Delete(PathOf(id));
        if (entry.PaintingFile is { } painting && Path.GetFileName(painting) == painting) File.Delete(Path.Combine(Folder, painting));
        var checkpoints = Path.Combine(Folder, id + ".checkpoints");
        if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
        return true;
    }

    /// <summary>Ids are lowercase slugs so they are safe as file names and URLs.</summary>
    public static string CheckId(string id) =>
        IdPattern().IsMatch(id) ? id : throw new InvalidUserStyleException($"'{id}' is not a valid style id: use 1–64 lowercase letters, digits, '-' or '_'.");

    private static UserStyleEntry? Read(string sidecar)
    {
        try { return JsonSerializer.Deserialize<UserStyleEntry>(File.ReadAllText(sidecar), Json); }
        catch (JsonException) { return null; }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
