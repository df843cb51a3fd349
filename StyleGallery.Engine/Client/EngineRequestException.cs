namespace StyleGallery.Engine.Client;

/// <summary>
/// The engine refused a request for what it asks, not for how busy it is: an unreadable or oversized picture, options
/// out of range, an unknown style. The message is written for the person who asked; <see cref="Problems"/> holds each
/// problem on its own where there were several (every invalid option at once).
/// </summary>
public sealed class EngineRequestException : ArgumentException
{
    public EngineRequestException(string message, Exception? inner = null) : base(message, inner) => Problems = [message];

    public EngineRequestException(IReadOnlyList<string> problems, Exception? inner = null) : base(string.Join(" ", problems), inner) =>
        Problems = problems;

    public IReadOnlyList<string> Problems { get; }
}
