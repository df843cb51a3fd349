namespace StyleGallery.Engine.Video;

/// <summary>
/// How ffprobe and ffmpeg are told to read an uploaded video: that one file and nothing it points to. A "video" is
/// whatever its bytes say, and some formats are recipes for reading other things (an HLS playlist or an ffconcat
/// script naming other files or URLs, an image sequence pattern), so a visitor could otherwise have any media file
/// the server can read, or any address it can reach, painted and handed back. Every read of an upload names the file
/// by a <c>file:</c> URL, allows only the <c>file</c> protocol (no network, no pipes, no nested protocols) and only
/// the demuxers of ordinary video containers, and the probe refuses any other format with a clear reason.
/// </summary>
public static class VideoInput
{
    /// <summary>
    /// The demuxers we read, as ffmpeg names them: MP4/MOV/3GP (one demuxer), Matroska/WebM (one demuxer), AVI, MPEG
    /// transport streams (camcorders' .mts/.m2ts), Ogg and GIF. None of them follows a reference to another file with
    /// ffmpeg's defaults (the MOV demuxer's external data references are off unless <c>-enable_drefs</c> is given).
    /// </summary>
    public static IReadOnlyList<string> Demuxers { get; } = ["mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "avi", "mpegts", "ogg", "gif"];

    /// <summary>The containers in words, for messages.</summary>
    public const string ContainersInWords = "MP4, MOV, 3GP, WebM, MKV, AVI, MPEG-TS, Ogg or GIF";

    /// <summary>The options that go before an uploaded file's <c>-i</c> (ffmpeg) or its name (ffprobe).</summary>
    public static IReadOnlyList<string> Options { get; } = ["-protocol_whitelist", "file", "-format_whitelist", string.Join(',', Demuxers)];

    /// <summary>The file as ffmpeg must be given it: an absolute <c>file:</c> URL, so no part of the name is taken for a protocol.</summary>
    public static string Url(string path) => "file:" + Path.GetFullPath(path);

    /// <summary>Whether ffprobe's <c>format_name</c> (a comma-separated list for the MOV and Matroska demuxers) is one we read.</summary>
    public static bool IsAccepted(string? formatName) =>
        formatName is not null && formatName.Split(',', StringSplitOptions.TrimEntries).All(name => Demuxers.Contains(name, StringComparer.Ordinal));
}
