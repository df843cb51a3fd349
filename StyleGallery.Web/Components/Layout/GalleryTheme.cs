using MudBlazor;

namespace StyleGallery.Web.Components.Layout;

/// <summary>The app's one theme: a deep violet with warm accents, like a gallery wall at dusk.</summary>
public static class GalleryTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4b3a78",
            Secondary = "#9c4a1f",
            AppbarBackground = "#2b2140",
            Background = "#f6f4f1",
            Surface = "#ffffff",
        },
    };
}
