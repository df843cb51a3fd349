using SkiaSharp;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>Photos drawn here (no third-party pictures in the repository): a sky, a sun and hills.</summary>
public static class BrowserTestPhotos
{
    public static byte[] Landscape(int width = 160, int height = 120)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        using var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height), [new SKColor(90, 150, 230), new SKColor(250, 220, 170)], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, 0, width, height, sky);
        using var sun = new SKPaint { Color = new SKColor(255, 200, 60), IsAntialias = true };
        canvas.DrawCircle(width * 0.7f, height * 0.3f, height * 0.15f, sun);
        using var hill = new SKPaint { Color = new SKColor(60, 130, 70), IsAntialias = true };
        canvas.DrawOval(width * 0.3f, height * 1.0f, width * 0.6f, height * 0.45f, hill);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
