namespace StyleGallery.Engine.Video;

/// <summary>A finished stylised video.</summary>
public sealed record VideoResult(string Path, int Width, int Height, int Frames, string FrameRate, bool HasAudio, TimeSpan Elapsed);
