namespace StyleGallery.Web.Services;

/// <summary>A photo to try the studio with: served from <see cref="Url"/>; <see cref="Credit"/> comes from the folder's manifest when it has one.</summary>
public sealed record SamplePhoto(string Name, string Title, string? Description, string? Credit)
{
    public string Url => "/samples/" + Uri.EscapeDataString(Name);
}
