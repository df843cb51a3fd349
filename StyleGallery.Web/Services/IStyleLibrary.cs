namespace StyleGallery.Web.Services;

/// <summary>The styles a visitor can use right now.</summary>
public interface IStyleLibrary
{
    /// <summary>The styles everyone may see: the catalogue's and the published ones visitors added.</summary>
    IReadOnlyList<StyleSummary> InstalledStyles();

    /// <summary>What <paramref name="owner"/>'s gallery and studio list: <see cref="InstalledStyles"/> and its own private styles.</summary>
    IReadOnlyList<StyleSummary> StylesFor(string? owner) => InstalledStyles();
}
