using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Client;

/// <summary>
/// How requests are written into the job store (and, later, onto the wire): camel case, enums by name, pictures that
/// ride inside options (<see cref="Gatys.GatysOptions.InitImage"/>) as PNG.
/// </summary>
public static class EngineJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static byte[] Serialize(JobRequest request) => JsonSerializer.SerializeToUtf8Bytes(request, Options);

    /// <exception cref="JsonException">Not a request this build can read.</exception>
    public static JobRequest Deserialize(byte[] json) =>
        JsonSerializer.Deserialize<JobRequest>(json, Options) ?? throw new JsonException("The stored request is empty.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputedProperties } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new RgbImageAsPng());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Computed properties (a training's effective folders, options' derived lists) are not part of what was asked;
    /// IgnoreReadOnlyProperties leaves read-only collections in, so they are taken out here.
    /// </summary>
    private static void SkipComputedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties.Where(p => p.Set is null).ToList()) info.Properties.Remove(property);
    }

    private sealed class RgbImageAsPng : JsonConverter<RgbImage>
    {
        public override RgbImage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ImageDecoder.Decode(reader.GetBytesFromBase64());

        public override void Write(Utf8JsonWriter writer, RgbImage value, JsonSerializerOptions options) =>
            writer.WriteBase64StringValue(ImageEncoder.Encode(value, EncodedFormat.Png));
    }
}
