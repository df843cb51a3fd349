using System.Text.Json;
using System.Text.Json.Serialization;

namespace StyleGallery.Engine.Models;

/// <summary>
/// The models the application knows about: read from <c>catalog.json</c> (embedded in this assembly) or from any
/// JSON of the same shape, and checked as a whole before use.
/// </summary>
public sealed class ModelCatalog
{
    public const string EmbeddedResourceName = "StyleGallery.Engine.Models.catalog.json";
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private readonly Dictionary<string, ModelEntry> _byId;

    private ModelCatalog(IReadOnlyList<ModelEntry> models)
    {
        Models = models;
        _byId = models.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<ModelEntry> Models { get; }

    /// <summary>The catalogue shipped with the engine.</summary>
    public static ModelCatalog LoadEmbedded()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidCatalogException($"The engine was built without its model catalogue ({EmbeddedResourceName}).");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd());
    }

    /// <summary>Parses and validates a catalogue.</summary>
    public static ModelCatalog Load(string json)
    {
        CatalogDocument document;
        try { document = JsonSerializer.Deserialize<CatalogDocument>(json, JsonOptions) ?? throw new InvalidCatalogException("The catalogue is empty (null)."); }
        catch (JsonException e) { throw new InvalidCatalogException($"The catalogue is not valid: {e.Message}", e); }
        if (document.SchemaVersion != SchemaVersion)
            throw new InvalidCatalogException($"Catalogue schema version {document.SchemaVersion} is not supported (expected {SchemaVersion}).");
        var models = document.Models ?? throw new InvalidCatalogException("The catalogue has no \"models\" array.");
        CatalogValidator.Validate(models);
        return new ModelCatalog(models);
    }

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>The model with this id; the error lists the ids that exist.</summary>
    public ModelEntry Get(string id) =>
        _byId.TryGetValue(id, out var entry)
            ? entry
            : throw new KeyNotFoundException($"Unknown model '{id}'. Known models: {string.Join(", ", Models.Select(m => m.Id))}.");

    private sealed record CatalogDocument(int SchemaVersion, IReadOnlyList<ModelEntry>? Models);
}
