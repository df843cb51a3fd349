using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StyleGallery.Engine.Video;

/// <summary>Reads a video's size, frame rate, duration and whether it has sound, with ffprobe.</summary>
public static partial class VideoProbe
{
    /// <exception cref="VideoException">The file is not a video ffmpeg can read, or has no video stream.</exception>
    public static VideoInfo Probe(FfmpegTools tools, string path)
    {
        if (!File.Exists(path)) throw new VideoException($"'{path}' does not exist.");
        var (name, url) = (Path.GetFileName(path), VideoInput.Url(path));
        var json = ToolProcess.RunForText(tools.Ffprobe,
            ["-v", "error", .. VideoInput.Options, "-print_format", "json", "-show_streams", "-show_format", url], out var exit, out var errors);
        if (NotOnWhitelist().Match(errors) is { Success: true } refused) throw NotAccepted(name, refused.Groups["format"].Value);
        // ffprobe names the file by its full path; the message names it as the caller did, never the folder around it.
        if (exit != 0) throw new VideoException($"'{name}' is not a video ffmpeg can read ({errors.Replace(url, name).Replace(path, name)}).");
        return Parse(json, name);
    }

    private static VideoException NotAccepted(string name, string format) =>
        new($"'{name}' is not a video we read: it is {(format.Length > 0 ? $"'{format}'" : "another format")}, not {VideoInput.ContainersInWords}.");

    /// <summary>ffmpeg's refusal of a demuxer outside <c>-format_whitelist</c>: "[hls @ 0x55…] Format not on whitelist '…'".</summary>
    [GeneratedRegex(@"\[(?<format>[\w,]+) @ [0-9a-fx]+\] Format not on whitelist|Format not on whitelist")]
    private static partial Regex NotOnWhitelist();

    internal static VideoInfo Parse(string ffprobeJson, string name)
    {
        using var document = JsonDocument.Parse(ffprobeJson);
        var root = document.RootElement;
        // ffprobe was given the whitelist already; this is the second lock, in case a tool or an option lets one through.
        var format = root.TryGetProperty("format", out var f) ? Text(f, "format_name") : null;
        if (!VideoInput.IsAccepted(format)) throw NotAccepted(name, format ?? "");
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        // A still picture is a one-frame "video" to ffmpeg; it is refused here so the user hears it is not a video.
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsStill(x));
        if (video.ValueKind == JsonValueKind.Undefined) throw new VideoException($"'{name}' has no video stream.");
        var (width, height) = (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32());
        if (Math.Abs(Rotation(video)) % 180 == 90) (width, height) = (height, width);
        var rate = UsableRate(Text(video, "avg_frame_rate")) ?? UsableRate(Text(video, "r_frame_rate"))
            ?? throw new VideoException($"'{name}' does not say its frame rate.");
        return new VideoInfo(width, height, rate, Duration(video) ?? Duration(f),
            streams.Any(x => Text(x, "codec_type") == "audio"));
    }

    private static bool IsStill(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1
        || Text(stream, "codec_name") is "png" or "mjpeg" or "webp" or "bmp" && Text(stream, "nb_frames") is null or "1";

    private static string? UsableRate(string? rate) => rate is not null && VideoInfo.ParseRate(rate) > 0 ? rate : null;

    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sides))
            foreach (var side in sides.EnumerateArray())
                if (side.TryGetProperty("rotation", out var r)) return r.GetInt32();
        return stream.TryGetProperty("tags", out var tags) && Text(tags, "rotate") is { } rotate ? int.Parse(rotate, CultureInfo.InvariantCulture) : 0;
    }

    private static TimeSpan? Duration(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && Text(element, "duration") is { } d
        && double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
