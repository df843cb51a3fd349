namespace StyleGallery.Data;

/// <summary>How long a user style's texts may be; shared by the form's validation and the schema.</summary>
public static class UserStyleLimits
{
    public const int TitleLength = 80;

    public const int ArtistLength = 80;
}
