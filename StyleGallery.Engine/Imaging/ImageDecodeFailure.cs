namespace StyleGallery.Engine.Imaging;

/// <summary>Why a picture was refused.</summary>
public enum ImageDecodeFailure
{
    /// <summary>No bytes at all.</summary>
    Empty,
    /// <summary>The file is larger than <see cref="ImageLimits.MaxBytes"/>.</summary>
    TooLarge,
    /// <summary>The header declares more pixels, or a longer side, than <see cref="ImageLimits"/> allows.</summary>
    TooManyPixels,
    /// <summary>Not a JPEG, PNG, WebP, BMP or GIF.</summary>
    UnsupportedFormat,
    /// <summary>A recognised format whose data is truncated or damaged.</summary>
    Corrupt,
}
