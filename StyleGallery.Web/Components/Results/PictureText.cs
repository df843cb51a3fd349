using System.Globalization;
using StyleGallery.Data;
using StyleGallery.Web.Services;

namespace StyleGallery.Web.Components.Results;

/// <summary>How the result components word a picture: its styles by title, its status, its date.</summary>
public static class PictureText
{
    /// <summary>"The Starry Night 60 % + The Scream 40 %"; a single style is just its title; a style since deleted keeps its id.</summary>
    public static string Styles(PictureRecord picture, IReadOnlyList<StyleSummary> known)
    {
        var total = picture.Styles.Sum(s => s.Weight);
        return string.Join(" + ", picture.Styles.Select(s =>
        {
            var title = known.FirstOrDefault(k => k.Id == s.StyleId)?.Title ?? s.StyleId;
            return picture.Styles.Count == 1 || total <= 0 ? title : $"{title} {100 * s.Weight / total:0} %";
        }));
    }

    public static string Kind(PictureRecord picture) => picture.Kind == PictureKind.Fast ? "Fast network" : "Optimisation (Gatys)";

    public static string Status(PictureRecord picture) => picture.Status switch
    {
        PictureStatus.Queued => "Waiting",
        PictureStatus.Running => "Painting",
        PictureStatus.Succeeded => "Finished",
        PictureStatus.Cancelled => "Stopped",
        _ => "Failed",
    };

    public static MudBlazor.Color StatusColor(PictureRecord picture) => picture.Status switch
    {
        PictureStatus.Succeeded => MudBlazor.Color.Success,
        PictureStatus.Failed => MudBlazor.Color.Error,
        PictureStatus.Cancelled => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Info,
    };

    public static string Date(DateTimeOffset when) => when.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
