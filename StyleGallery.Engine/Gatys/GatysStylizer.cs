using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Neural style transfer by optimising the pixels (Gatys, Ecker &amp; Bethge 2016). All torch work runs synchronously
/// on the calling thread (dispose scopes are per thread); call it from the engine's own worker thread.
/// </summary>
/// <param name="resolveWeights">Where the weights of each loss network are and which conventions they follow.</param>
public sealed class GatysStylizer(Func<VggArchitecture, VggWeightSource> resolveWeights)
{
    /// <summary>
    /// Why these options cannot run with the installed weights (a missing file or a layer the file lacks), or null
    /// when they can. Cheap: reads only the weight file's header.
    /// </summary>
    public string? WhyUnavailable(GatysOptions options)
    {
        try
        {
            OpenWeights(options).EnsureCanCompute(options.RequiredLayers);
            return null;
        }
        catch (Exception e) when (e is MissingVggLayerException or FileNotFoundException or UnknownVggLayerException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Stylises <paramref name="content"/> with the blended <paramref name="styles"/>. In
    /// <see cref="GatysMode.SynthesizeTexture"/> the content image only sets the output's aspect ratio; in
    /// <see cref="GatysMode.ReconstructContent"/> <paramref name="styles"/> may be empty.
    /// </summary>
    /// <exception cref="InvalidGatysOptionsException">Bad options or style inputs (every problem listed).</exception>
    /// <exception cref="MissingVggLayerException">The installed weights lack a layer the options need.</exception>
    /// <exception cref="StylizationCanceledException">
    /// <paramref name="ct"/> was cancelled; stops before the next iteration and carries the latest image.
    /// </exception>
    /// <param name="checkpointing">Saves resume points now and then, and continues from one; null for neither.</param>
    public RgbImage Stylize(RgbImage content, IReadOnlyList<StyleInput> styles, GatysOptions options,
        IProgress<GatysProgress>? progress = null, CancellationToken ct = default, GatysCheckpointing? checkpointing = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(styles);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems(styles) is { Count: > 0 } problems) throw new InvalidGatysOptionsException(problems);
        var weights = OpenWeights(options);
        using var net = VggFeatures.Load(weights, options.RequiredLayers, options.Pooling, options.Precision.ToScalarType());
        var run = new GatysRun(net, options, content, styles, progress, ct, checkpointing);
        return run.Execute();
    }

    private VggWeightFile OpenWeights(GatysOptions options)
    {
        var source = resolveWeights(options.Network);
        return VggWeightFile.Open(source.Path, options.Network, source.Conventions);
    }
}
