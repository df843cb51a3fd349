namespace StyleGallery.Web.Services.Thumbnails;

/// <summary>
/// How a kind of box shows a picture, and so which thumbnails it needs: <see cref="Width"/> CSS pixels wide at most
/// for a 1× screen (twice that for a 2× one), and never taller than <see cref="MaxHeightPerWidth"/> of its width, since
/// the boxes crop to their centre (<c>object-fit: cover</c>) and what they never show need not be sent.
/// </summary>
public sealed record ThumbnailShape(string Name, int Width, double MaxHeightPerWidth)
{
    /// <summary>
    /// The cards of the gallery and of <c>/mine</c> and <c>/explore</c>: 140 to 200 px high, about 230 px wide on a
    /// desktop (three a row) and up to 570 on narrow screens; 4:3 fills the desktop card, wider cards crop it further.
    /// </summary>
    public static readonly ThumbnailShape Card = new("card", 240, 0.75);

    /// <summary>Sample photos (72 px squares and somewhat more), a result's photo and paintings (120 × 90), the studio's styles (72 px).</summary>
    public static readonly ThumbnailShape Small = new("small", 120, 1.0);

    public static IReadOnlyList<ThumbnailShape> All { get; } = [Card, Small];

    /// <summary>The widths made: one for 1× screens and one for 2×.</summary>
    public IReadOnlyList<int> Widths => [Width, 2 * Width];

    public static ThumbnailShape? Named(string name) => All.FirstOrDefault(s => s.Name == name);
}
