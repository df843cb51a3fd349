using System.Text.Json;
using System.Text.RegularExpressions;

namespace StyleGallery.Engine.Models;

/// <summary>One variable of an ml5 checkpoint: the raw little-endian float32 file that holds it, and its shape.</summary>
public sealed record Ml5ManifestEntry(string FileName, long[] Shape)
{
    public long ByteLength => Shape.Aggregate(1L, (a, b) => a * b) * sizeof(float);
}

/// <summary>
/// An ml5 / deeplearn.js checkpoint manifest: <c>{"Variable": {"filename": "Variable", "shape": [9, 9, 3, 32]}, …}</c>.
/// </summary>
public sealed partial class Ml5Manifest
{
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex SafeFileName();

    private readonly Dictionary<string, Ml5ManifestEntry> _variables;

    private Ml5Manifest(Dictionary<string, Ml5ManifestEntry> variables) => _variables = variables;

    public IReadOnlyDictionary<string, Ml5ManifestEntry> Variables => _variables;

    public Ml5ManifestEntry this[string variable] =>
        _variables.TryGetValue(variable, out var entry)
            ? entry
            : throw new InvalidWeightsException($"The ml5 checkpoint has no variable '{variable}'.");

    public static Ml5Manifest Parse(string json)
    {
        using var doc = ParseJson(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidWeightsException("The ml5 manifest is not a JSON object.");
        var variables = new Dictionary<string, Ml5ManifestEntry>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
            variables[property.Name] = ParseEntry(property);
        return new Ml5Manifest(variables);
    }

    private static JsonDocument ParseJson(string json)
    {
        try { return JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidWeightsException($"The ml5 manifest is not valid JSON ({e.Message})."); }
    }

    private static Ml5ManifestEntry ParseEntry(JsonProperty property)
    {
        InvalidWeightsException Bad(string why) => new($"ml5 manifest variable '{property.Name}': {why}.");
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object) throw Bad("entry is not an object");
        if (!value.TryGetProperty("filename", out var nameEl) || nameEl.ValueKind != JsonValueKind.String) throw Bad("missing filename");
        var fileName = nameEl.GetString()!;
        // The file name becomes part of a path or URL: refuse anything that could leave the checkpoint folder.
        if (!SafeFileName().IsMatch(fileName) || fileName.Contains("..")) throw Bad($"unsafe filename '{fileName}'");
        if (!value.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array) throw Bad("missing shape");
        var shape = shapeEl.EnumerateArray()
            .Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var n) && n >= 0 ? n : -1).ToArray();
        if (shape.Any(d => d < 0)) throw Bad("shape must hold non-negative integers");
        return new Ml5ManifestEntry(fileName, shape);
    }
}
