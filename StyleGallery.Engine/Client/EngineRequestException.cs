namespace StyleGallery.Engine.Client;

/// <summary>
/// The engine refused a request for what it asks, not for how busy it is: an unreadable or oversized picture, options
/// out of range, an unknown style. The message is written for the person who asked.
/// </summary>
public sealed class EngineRequestException(string message, Exception? inner = null) : ArgumentException(message, inner);
