namespace StyleGallery.Engine.Fast;

/// <summary>No pretrained network exists for the requested style id.</summary>
public sealed class UnknownStyleException(string styleId, string message, Exception? inner = null) : Exception(message, inner)
{
    public string StyleId { get; } = styleId;
}
