using StyleGallery.Engine.Client;
using StyleGallery.Engine.Models;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// A <c>--style</c> of <c>gatys</c>: a picture file, or a painting of the catalogue by its id (<c>painting.starry_night</c>),
/// its short name (<c>starry_night</c>) or its fast style (<c>udnie</c>), installed on first use like a model.
/// </summary>
public static class StyleArgument
{
    /// <summary>The picture's file: the value itself when it is a file, else the installed painting.</summary>
    /// <exception cref="FileNotFoundException">Neither a file nor a painting of the catalogue.</exception>
    /// <exception cref="ModelInstallException">The painting could not be installed.</exception>
    public static async Task<string> PathOfAsync(IStyleEngineClient engine, string value, CancellationToken ct)
    {
        if (File.Exists(value)) return value;
        var painting = engine.PaintingIdOf(value) ?? engine.PaintingIdOf(PaintingPrefix + value)
            ?? throw new FileNotFoundException($"'{value}' is neither a picture file nor a painting of the catalogue (see 'stylegallery models list').", value);
        return await engine.PaintingFileAsync(painting, install: true, ct)
            ?? throw new ModelInstallException($"The painting '{painting}' is not installed, and neither the mirror nor (with downloads allowed) its source can provide it.");
    }

    private const string PaintingPrefix = "painting.";
}
