using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;

namespace StyleGallery.Web.Services.Pictures;

/// <summary>
/// The options a picture was made with, as stored JSON: every settable option (enums by name), without the
/// computed properties and without an init picture (pixels belong in files, not in a row).
/// </summary>
public static class PictureParameters
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlySettableValues } },
    };

    public static string Of(GatysOptions options) => JsonSerializer.Serialize(options with { InitImage = null }, Json);

    public static string Of(FastStyleOptions options) => JsonSerializer.Serialize(options, Json);

    /// <summary>The stored Gatys options, or null when the JSON is not theirs (a fast picture, or an older format).</summary>
    public static GatysOptions? GatysFrom(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<GatysOptions>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static FastStyleOptions? FastFrom(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<FastStyleOptions>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The preset these options match (network, layers and weights), or null for a custom mix.</summary>
    public static string? PresetOf(GatysOptions options) =>
        GatysPresets.All.FirstOrDefault(p =>
            p.Network == options.Network
            && p.ContentLayers.SequenceEqual(options.ContentLayers)
            && p.StyleLayers.SequenceEqual(options.StyleLayers)
            && p.ContentWeight.Equals(options.ContentWeight)
            && p.StyleWeight.Equals(options.StyleWeight)
            && p.TvWeight.Equals(options.TvWeight))?.Name;

    private static void OnlySettableValues(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties.Where(p => p.Set is null || IsInitImage(type, p)).ToList())
        {
            type.Properties.Remove(property);
        }
    }

    private static bool IsInitImage(JsonTypeInfo type, JsonPropertyInfo property) =>
        type.Type == typeof(GatysOptions) && property.Name == nameof(GatysOptions.InitImage);
}
