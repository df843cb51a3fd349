using MudBlazor;

namespace StyleGallery.Web.Components.Layout;

/// <summary>
/// The app's one theme: a deep violet with warm accents, like a gallery wall at dusk. Status colours and secondary text
/// are darker than MudBlazor's defaults so white chip labels and small captions keep WCAG AA contrast (4.5:1).
/// </summary>
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
            TextSecondary = "#625d6b",
            Success = "#2e7d32",
            Info = "#1565c0",
            Warning = "#b45309",
            Error = "#c62828",
        },
    };
}
