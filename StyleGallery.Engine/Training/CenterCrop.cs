using StyleGallery.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>The middle square of a photo at a given side, as a [1,3,S,S] tensor in 0..255.</summary>
internal static class CenterCrop
{
    public static Tensor Square(RgbImage photo, int side)
    {
        var scale = (double)side / Math.Min(photo.Width, photo.Height);
        var scaled = ImageResizer.Resize(photo, Math.Max(side, (int)Math.Round(photo.Width * scale)), Math.Max(side, (int)Math.Round(photo.Height * scale)));
        using var whole = ImageTensors.ToTensor(scaled);
        using var rows = whole.narrow(2, (scaled.Height - side) / 2, side);
        using var square = rows.narrow(3, (scaled.Width - side) / 2, side);
        return square.contiguous();
    }
}
