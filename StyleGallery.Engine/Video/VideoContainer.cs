namespace StyleGallery.Engine.Video;

/// <summary>The output containers we write, chosen by file extension, and the codecs that go in them.</summary>
/// <param name="Format">ffmpeg's muxer, named because the file is written under a temporary name first.</param>
public sealed record VideoContainer(string Extension, string Format, IReadOnlyList<string> VideoCodec, IReadOnlyList<string> AudioCodec)
{
    /// <summary>H.264 and AAC: plays everywhere. CRF 18 is visually lossless for painted frames.</summary>
    public static VideoContainer Mp4 { get; } = new(".mp4", "mp4", ["-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p", "-movflags", "+faststart"], ["-c:a", "aac", "-b:a", "160k"]);

    /// <summary>VP9 and Opus, for the web.</summary>
    public static VideoContainer WebM { get; } = new(".webm", "webm", ["-c:v", "libvpx-vp9", "-crf", "30", "-b:v", "0", "-pix_fmt", "yuv420p"], ["-c:a", "libopus"]);

    /// <summary>Lossless FFV1 RGB and FLAC: a master for further editing, frame for frame what the network painted.</summary>
    public static VideoContainer Mkv { get; } = new(".mkv", "matroska", ["-c:v", "ffv1", "-level", "3", "-pix_fmt", "bgr0"], ["-c:a", "flac"]);

    public static IReadOnlyList<VideoContainer> All { get; } = [Mp4, WebM, Mkv];

    /// <exception cref="VideoException">The extension is none of ours.</exception>
    public static VideoContainer ForPath(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return All.FirstOrDefault(c => c.Extension == extension)
            ?? throw new VideoException($"'{Path.GetFileName(path)}': the output must end in .mp4, .webm or .mkv.");
    }
}
