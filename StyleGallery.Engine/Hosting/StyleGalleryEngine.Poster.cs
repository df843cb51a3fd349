using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Hosting;

public sealed partial class StyleGalleryEngine
{
    /// <summary>
    /// Paints a photo file of up to <see cref="ImageLimits.Poster"/> (100 megapixels) into <paramref name="outputPath"/>
    /// (.png, .jpg or .webp) with a fast style, in bounded memory: decoded straight to its working size, painted in tiles
    /// when it would not fit <see cref="FastStyleOptions.MemoryLimitMegabytes"/> whole, and written without holding the
    /// encoded file. The file appears only once complete. <paramref name="onTile"/> hears of every tile run.
    /// </summary>
    /// <returns>The picture's size.</returns>
    /// <exception cref="EngineRequestException">Invalid options, an unknown style, or a picture that cannot be read or is too large.</exception>
    public async Task<(int Width, int Height)> PaintFileAsync(string inputPath, string outputPath, string styleId, FastStyleOptions options,
        Action<TileProgress>? onTile = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Refuse(options.Problems());
        if (!EncodedFormats.TryFromExtension(outputPath, out var format))
            throw new EngineRequestException($"'{Path.GetFileName(outputPath)}': the output must end in .png, .jpg or .webp.");
        var painted = await PaintAsync(DecodePoster(inputPath, options.MaxSide), styleId, options, onTile, ct);
        ImageFiles.WriteAtomically(painted, outputPath, format);
        return (painted.Width, painted.Height);
    }

    private async Task<RgbImage> PaintAsync(RgbImage photo, string styleId, FastStyleOptions options, Action<TileProgress>? onTile, CancellationToken ct)
    {
        var ticket = await Refusals(() => SubmitFastAsync(photo, styleId, options, transient: true, camera: null, ct, onTile));
        var painted = await PictureOf(ticket, ct);
        // The photo is garbage now, but Skia's native buffers (a JPEG's RGBA copy) would not make the GC collect it.
        GC.Collect();
        return painted;
    }

    /// <summary>Reads and decodes a photo file within the poster limits, to its working size; refusals are the person's to read.</summary>
    private static RgbImage DecodePoster(string path, int maxSide)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > ImageLimits.Poster.MaxBytes) throw DecodeErrors.TooLarge(length, ImageLimits.Poster.MaxBytes);
            return ImageDecoder.DecodeToFit(File.ReadAllBytes(path), maxSide, ImageLimits.Poster);
        }
        catch (ImageDecodeException e)
        {
            throw new EngineRequestException(e.Message, e);
        }
    }
}
