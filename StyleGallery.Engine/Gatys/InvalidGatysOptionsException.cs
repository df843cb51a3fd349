namespace StyleGallery.Engine.Gatys;

/// <summary>Options or inputs that cannot make a picture; <see cref="Problems"/> lists every one found.</summary>
public sealed class InvalidGatysOptionsException(IReadOnlyList<string> problems)
    : ArgumentException("Invalid Gatys options: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
