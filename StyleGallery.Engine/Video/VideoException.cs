namespace StyleGallery.Engine.Video;

/// <summary>A video could not be read or written: not a video, an unsupported container, or ffmpeg failed. The message says which.</summary>
public sealed class VideoException(string message, Exception? inner = null) : Exception(message, inner);
