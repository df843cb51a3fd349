namespace StyleGallery.Data;

/// <summary>One style of a picture's blend and its weight, stored as JSON inside the picture's row.</summary>
public sealed class PictureStyle
{
    public string StyleId { get; set; } = "";

    public double Weight { get; set; } = 1.0;
}
