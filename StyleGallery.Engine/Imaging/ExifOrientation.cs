namespace StyleGallery.Engine.Imaging;

/// <summary>
/// The EXIF Orientation tag (0x0112): how the stored pixels must be turned to stand upright.
/// Values are the tag's own numbers, 1 to 8.
/// </summary>
public enum ExifOrientation
{
    Normal = 1,
    MirrorHorizontal = 2,
    Rotate180 = 3,
    MirrorVertical = 4,
    /// <summary>Mirrored along the main diagonal (stored row 0 becomes the left column).</summary>
    Transpose = 5,
    /// <summary>Turn 90° clockwise to view (a camera held upright, rotated right).</summary>
    Rotate90Clockwise = 6,
    /// <summary>Mirrored along the anti-diagonal (stored row 0 becomes the right column, reversed).</summary>
    Transverse = 7,
    /// <summary>Turn 90° anticlockwise to view.</summary>
    Rotate270Clockwise = 8,
}
