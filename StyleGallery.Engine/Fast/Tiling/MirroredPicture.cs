using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// The working picture with its edges mirrored (<see cref="FastStylizer"/>'s margins), read a window at a time so the
/// padded picture never exists whole. The mirror is PyTorch's "reflect": the edge pixel is not repeated.
/// </summary>
internal sealed class MirroredPicture(RgbImage picture, FastStylizer.Margins margins)
{
    public RgbImage Picture => picture;

    public FastStylizer.Margins Margins => margins;

    public int Width => picture.Width + margins.Left + margins.Right;

    public int Height => picture.Height + margins.Top + margins.Bottom;

    /// <summary>The window of the padded picture a tile sees.</summary>
    public RgbImage Window(Tile tile)
    {
        var (width, height) = (tile.X.Length, tile.Y.Length);
        var pixels = new byte[width * height * 3];
        var source = picture.Pixels;
        for (var y = 0; y < height; y++)
        {
            var row = Reflect(tile.Y.Start + y - margins.Top, picture.Height) * picture.Width;
            for (var x = 0; x < width; x++)
            {
                var from = (row + Reflect(tile.X.Start + x - margins.Left, picture.Width)) * 3;
                var to = (y * width + x) * 3;
                (pixels[to], pixels[to + 1], pixels[to + 2]) = (source[from], source[from + 1], source[from + 2]);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>The part of a tile's core inside the picture, in picture coordinates; empty when the core is all margin.</summary>
    public (int Left, int Top, int Width, int Height) CoreInPicture(Tile tile)
    {
        var left = Math.Max(tile.X.CoreStart - margins.Left, 0);
        var top = Math.Max(tile.Y.CoreStart - margins.Top, 0);
        var right = Math.Min(tile.X.CoreEnd - margins.Left, picture.Width);
        var bottom = Math.Min(tile.Y.CoreEnd - margins.Top, picture.Height);
        return (left, top, Math.Max(0, right - left), Math.Max(0, bottom - top));
    }

    private static int Reflect(int i, int size)
    {
        if (i < 0) return -i;
        return i >= size ? 2 * (size - 1) - i : i;
    }
}
