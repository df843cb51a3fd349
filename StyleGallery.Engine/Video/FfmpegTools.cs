namespace StyleGallery.Engine.Video;

/// <summary>
/// Where ffmpeg and ffprobe are. Video goes through them as separate processes (raw RGB frames over pipes) rather
/// than through a .NET binding: Debian's ffmpeg brings every codec, and a crash in a decoder cannot take the app down.
/// </summary>
public sealed record FfmpegTools(string Ffmpeg, string Ffprobe)
{
    /// <summary>The tools on the PATH, or in <paramref name="folder"/> when one is given.</summary>
    /// <exception cref="VideoException">ffmpeg or ffprobe is not there.</exception>
    public static FfmpegTools Locate(string? folder = null) => new(Find("ffmpeg", folder), Find("ffprobe", folder));

    private static string Find(string name, string? folder)
    {
        var candidates = folder is not null
            ? [Path.Combine(folder, name)]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new VideoException($"{name} was not found{(folder is null ? " on the PATH" : $" in {folder}")}; video needs ffmpeg (Debian: apt-get install ffmpeg).");
    }
}
