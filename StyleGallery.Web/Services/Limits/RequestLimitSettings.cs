namespace StyleGallery.Web.Services.Limits;

/// <summary>
/// Bounds on what one request or message may carry, and on the disk (section <c>StyleGallery:RequestLimits</c>, issue 18
/// point 6). All are set explicitly (Kestrel, form reading, SignalR, Blazor circuits), not left to the framework's
/// defaults. Null sizes follow the upload limits of <see cref="StyleGalleryWebOptions"/>. See README.md, "Settings".
/// </summary>
public sealed record RequestLimitSettings
{
    public const string Section = "StyleGallery:RequestLimits";

    /// <summary>
    /// The largest request body (Kestrel's <c>MaxRequestBodySize</c> and the multipart limit of form reading): a photo of
    /// <see cref="StyleGalleryWebOptions.MaxUploadBytes"/> (25 MB) and the form around it. Null: that size + 1 MB.
    /// Videos do not come as request bodies: the video page streams them through the circuit in small messages.
    /// </summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>The largest form field other than a file (a style id, a preset's name): 4 KB.</summary>
    public int MaxFormValueBytes { get; init; } = 4 * 1024;

    /// <summary>The most fields a form may have (<c>POST /api/jobs</c> has six).</summary>
    public int MaxFormFields { get; init; } = 32;

    /// <summary>The largest message a browser may send to <c>/hubs/jobs</c> (it sends job ids): 4 KB.</summary>
    public long HubMaxReceiveMessageBytes { get; init; } = 4 * 1024;

    /// <summary>
    /// The largest message a browser may send to its circuit (<c>/_blazor</c>): 32 KB, the framework's default; uploads
    /// (photos, paintings, videos) are streamed to the circuit in chunks that fit it, whatever their size.
    /// </summary>
    public long CircuitMaxReceiveMessageBytes { get; init; } = 32 * 1024;

    /// <summary>Circuits kept for browsers that lost their connection and may come back (each holds its page's state).</summary>
    public int DisconnectedCircuitMaxRetained { get; init; } = 100;

    /// <summary>How long such a circuit is kept.</summary>
    public TimeSpan DisconnectedCircuitRetention { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Renders the server keeps for a browser that has not acknowledged them; past this it waits for the browser.</summary>
    public int MaxBufferedUnacknowledgedRenderBatches { get; init; } = 10;

    /// <summary>New uploads and jobs are refused, with a message, while the data folder's disk has less free space than this: 1 GB.</summary>
    public long MinFreeDiskBytes { get; init; } = 1024L * 1024 * 1024;

    public long RequestBodyBytes(StyleGalleryWebOptions web) => MaxRequestBodyBytes ?? web.MaxUploadBytes + 1024 * 1024;

    public static RequestLimitSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<RequestLimitSettings>() ?? new RequestLimitSettings();
}
