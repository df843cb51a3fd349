namespace StyleGallery.Data;

/// <summary>
/// Who trained a fast style in the web app, and whether it is in everyone's gallery. The engine keeps the network (it
/// knows no owners); this record is written when the training is launched and kept when it succeeds. A trained style
/// without a record (one trained before records existed, or by the command line) is listed for everyone.
/// </summary>
public sealed class TrainedStyleRecord
{
    /// <summary>The engine's style id: a lowercase slug of the title.</summary>
    public string StyleId { get; set; } = "";

    /// <summary>The owner token of the browser that launched the training; only that browser sees it until <see cref="Published"/>.</summary>
    public string Owner { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>In every visitor's gallery when true; only the owner can change it.</summary>
    public bool Published { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
