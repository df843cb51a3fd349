namespace StyleGallery.Engine.Imaging;

/// <summary>Applies an EXIF orientation to stored pixels, which decoders report but never apply.</summary>
public static class ExifRotation
{
    /// <summary>The picture as it should be viewed; <paramref name="image"/> itself when already upright.</summary>
    public static RgbImage MakeUpright(RgbImage image, ExifOrientation orientation)
    {
        if (orientation == ExifOrientation.Normal) return image;
        var walk = SourceWalk.For(orientation, image.Width, image.Height);
        var (width, height) = SwapsSides(orientation) ? (image.Height, image.Width) : (image.Width, image.Height);
        return new RgbImage(width, height, Gather(image.Pixels, width, height, walk));
    }

    /// <summary>Whether standing the picture upright turns it a quarter (values 5 to 8), swapping width and height.</summary>
    public static bool SwapsSides(ExifOrientation orientation) => orientation >= ExifOrientation.Transpose;

    private static byte[] Gather(byte[] source, int width, int height, SourceWalk walk)
    {
        var target = new byte[source.Length];
        var t = 0;
        for (var y = 0; y < height; y++)
        {
            var s = walk.Start + y * walk.StepY;
            for (var x = 0; x < width; x++, s += walk.StepX, t += 3)
            {
                target[t] = source[s * 3];
                target[t + 1] = source[s * 3 + 1];
                target[t + 2] = source[s * 3 + 2];
            }
        }
        return target;
    }

    /// <summary>
    /// Every orientation is affine: upright pixel (x, y) is stored pixel Start + x·StepX + y·StepY
    /// (in pixels), so one loop serves all eight.
    /// </summary>
    private readonly record struct SourceWalk(int Start, int StepX, int StepY)
    {
        public static SourceWalk For(ExifOrientation orientation, int w, int h)
        {
            var topRight = w - 1;
            var bottomLeft = (h - 1) * w;
            var bottomRight = bottomLeft + w - 1;
            return orientation switch
            {
                ExifOrientation.MirrorHorizontal => new(topRight, -1, w),
                ExifOrientation.Rotate180 => new(bottomRight, -1, -w),
                ExifOrientation.MirrorVertical => new(bottomLeft, 1, -w),
                ExifOrientation.Transpose => new(0, w, 1),
                ExifOrientation.Rotate90Clockwise => new(bottomLeft, -w, 1),
                ExifOrientation.Transverse => new(bottomRight, -w, -1),
                ExifOrientation.Rotate270Clockwise => new(topRight, w, -1),
                _ => new(0, 1, w),
            };
        }
    }
}
