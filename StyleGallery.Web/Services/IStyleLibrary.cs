namespace StyleGallery.Web.Services;

/// <summary>The styles a visitor can use right now.</summary>
public interface IStyleLibrary
{
    IReadOnlyList<StyleSummary> InstalledStyles();
}
