using System.Text.Json;
using System.Text.Json.Nodes;

namespace StyleGallery.Tests.Models;

/// <summary>Small catalogue documents for tests, built as JSON so the tests exercise the real parser.</summary>
internal static class TestCatalogJson
{
    public static JsonObject Entry(string id, string? sha256, long? sizeBytes, IEnumerable<(string Url, string Format, string? Sha256)> sources) => new()
    {
        ["id"] = id,
        ["kind"] = "fast-style",
        ["title"] = "Test " + id,
        ["architecture"] = "transformer-net",
        ["fileName"] = id + ".safetensors",
        ["sizeBytes"] = sizeBytes,
        ["sha256"] = sha256,
        ["mirrorPath"] = $"dir/{id}.safetensors",
        ["conventions"] = new JsonObject
        {
            ["naming"] = "transformer-net", ["inputScale"] = 255, ["mean"] = new JsonArray(0, 0, 0), ["std"] = new JsonArray(1, 1, 1),
        },
        ["licence"] = "test",
        ["attribution"] = "test",
        ["sources"] = new JsonArray(sources.Select(s => (JsonNode)new JsonObject { ["url"] = s.Url, ["format"] = s.Format, ["sha256"] = s.Sha256 }).ToArray()),
    };

    /// <summary>A painting entry: a picture fetched byte for byte, without architecture or conventions.</summary>
    public static JsonObject Painting(string id, string fileName, string sha256, long sizeBytes, params string[] urls) => new()
    {
        ["id"] = id,
        ["kind"] = "painting",
        ["title"] = "Test " + id,
        ["fileName"] = fileName,
        ["sizeBytes"] = sizeBytes,
        ["sha256"] = sha256,
        ["mirrorPath"] = "paintings/" + fileName,
        ["licence"] = "Public domain",
        ["attribution"] = "test",
        ["painting"] = new JsonObject { ["title"] = "Test painting", ["artist"] = "Nobody", ["year"] = "1900" },
        ["sources"] = new JsonArray(urls.Select(u => (JsonNode)new JsonObject { ["url"] = u, ["format"] = "file" }).ToArray()),
    };

    public static string Document(params JsonObject[] entries) =>
        new JsonObject { ["schemaVersion"] = 1, ["models"] = new JsonArray(entries.Select(e => (JsonNode)e.DeepClone()).ToArray()) }.ToJsonString();

    public static string Single(string? sha256, long? sizeBytes, params (string Url, string Format, string? Sha256)[] sources) =>
        Document(Entry("test-model", sha256, sizeBytes, sources));

    /// <summary>Replaces (or adds) one field of the first entry, given as <c>"name": value</c>.</summary>
    public static string WithField(string document, string field)
    {
        var root = JsonNode.Parse(document)!;
        var patch = JsonNode.Parse("{" + field + "}")!.AsObject();
        var entry = root["models"]![0]!.AsObject();
        foreach (var (name, value) in patch.ToList()) entry[name] = value?.DeepClone();
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
