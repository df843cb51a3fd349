namespace StyleGallery.Web.Services.Setup;

/// <summary>One model's install as the setup view shows it; <see cref="Error"/> is set only when it failed.</summary>
public sealed record ModelSetupState(string ModelId, string Title, ModelSetupPhase Phase, long BytesDone = 0, long? BytesTotal = null, string? Error = null)
{
    /// <summary>0..100, or null while the size is unknown.</summary>
    public double? Percent => BytesTotal is > 0 and var total ? Math.Clamp(100.0 * BytesDone / total, 0, 100) : null;
}
