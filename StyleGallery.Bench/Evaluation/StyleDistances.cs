namespace StyleGallery.Bench.Evaluation;

/// <summary>
/// How far a picture is from a painting's style and from a photo's content, in the loss network's own terms
/// (see <see cref="StyleDistanceMeter"/>). Both are relative: 0 is identical, 1 is as large as the target itself.
/// </summary>
public sealed record StyleDistances(double Style, double Content, IReadOnlyDictionary<string, double> StyleByLayer);
