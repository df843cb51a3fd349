namespace StyleGallery.Data;

/// <summary>A painting a visitor added; usable for optimisation at once. Its re-encoded file lives under the data folder by <see cref="Id"/>.</summary>
public sealed class UserStyleRecord
{
    /// <summary>"user-" and 16 random base64url characters: never a catalogue id, safe as a file name.</summary>
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Artist { get; set; }

    /// <summary>The owner token of the browser that added it; only that browser sees it until it is <see cref="Published"/>.</summary>
    public string? Owner { get; set; }

    /// <summary>In every visitor's gallery when true; only the owner can change it.</summary>
    public bool Published { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
