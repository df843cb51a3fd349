using static TorchSharp.torch;

namespace StyleGallery.Engine.Imaging;

/// <summary>The pixel scale a network expects: 0..255 (Caffe VGG, the fast networks) or 0..1 (torchvision).</summary>
public enum PixelScale { ZeroTo255, ZeroToOne }

/// <summary>Conversions between <see cref="RgbImage"/> and NCHW float tensors.</summary>
public static class ImageTensors
{
    /// <summary>A [1,3,H,W] float32 tensor on the CPU.</summary>
    public static Tensor ToTensor(RgbImage image, PixelScale scale = PixelScale.ZeroTo255)
    {
        using var scope = NewDisposeScope();
        var hwc = tensor(image.Pixels, new long[] { image.Height, image.Width, 3 }, ScalarType.Byte);
        var nchw = hwc.permute(2, 0, 1).unsqueeze(0).to(ScalarType.Float32).contiguous();
        if (scale == PixelScale.ZeroToOne) nchw = nchw.div(255f);
        return nchw.MoveToOuterDisposeScope();
    }

    /// <summary>Rounds and clamps a [1,3,H,W] or [3,H,W] tensor of the given scale into an image.</summary>
    public static RgbImage ToImage(Tensor chw, PixelScale scale = PixelScale.ZeroTo255)
    {
        using var scope = NewDisposeScope();
        var t = chw.dim() == 4 ? chw[0] : chw;
        if (t.dim() != 3 || t.shape[0] != 3) throw new ArgumentException($"Expected [3,H,W] or [1,3,H,W], got [{string.Join(",", chw.shape)}].");
        t = t.detach().cpu().to(ScalarType.Float32);
        if (scale == PixelScale.ZeroToOne) t = t.mul(255f);
        var hwc = t.round().clamp(0, 255).to(ScalarType.Byte).permute(1, 2, 0).contiguous();
        return new RgbImage((int)t.shape[2], (int)t.shape[1], hwc.data<byte>().ToArray());
    }
}
