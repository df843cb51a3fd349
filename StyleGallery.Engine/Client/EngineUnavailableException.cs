namespace StyleGallery.Engine.Client;

/// <summary>
/// The engine cannot be reached now (its queue server is restarting, no engine worker answered in time): nothing was
/// queued, and the same request may succeed in a moment. Hosts answer it as they answer a full queue ("busy, try again").
/// </summary>
public sealed class EngineUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner)
{
    public const string DefaultMessage = "The painting service is busy reconnecting. Try again in a moment.";

    public EngineUnavailableException(Exception? inner = null) : this(DefaultMessage, inner) { }
}
