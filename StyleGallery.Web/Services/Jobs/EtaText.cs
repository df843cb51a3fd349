namespace StyleGallery.Web.Services.Jobs;

/// <summary>How pages write the time a long job has left.</summary>
public static class EtaText
{
    /// <summary>"45 s", "12 min 30 s", "1 h 5 min".</summary>
    public static string Format(double seconds) => seconds switch
    {
        < 60 => $"{Math.Ceiling(seconds):0} s",
        < 3600 => $"{Math.Floor(seconds / 60):0} min {Math.Floor(seconds % 60):0} s",
        _ => $"{Math.Floor(seconds / 3600):0} h {Math.Floor(seconds % 3600 / 60):0} min",
    };
}
