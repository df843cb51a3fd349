using System.Text.Json;

namespace StyleGallery.Web.Services;

/// <summary>
/// The provenance file beside the sample photos (<c>manifest.json</c>: an array of <c>{file, description, licence}</c>).
/// It is optional and third-party: a missing or unreadable one means "no credits", never an error.
/// </summary>
internal static class SamplePhotoManifest
{
    public const string FileName = "manifest.json";

    public static IReadOnlyDictionary<string, Entry> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return new Dictionary<string, Entry>();
        try
        {
            var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(path), JsonOptions) ?? [];
            return entries.Where(e => e.File is not null).GroupBy(e => e.File!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First());
        }
        catch (JsonException)
        {
            return new Dictionary<string, Entry>();
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public sealed record Entry(string? File, string? Description, string? Licence);
}
