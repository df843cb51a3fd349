using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Training;

/// <summary>
/// Everything a training run of a fast style network can be told (Johnson, Alahi &amp; Fei-Fei 2016, "Perceptual Losses
/// for Real-Time Style Transfer and Super-Resolution"); the defaults live here and only here.
/// </summary>
public sealed partial record TrainingOptions
{
    /// <summary>Side of the square random crops the network learns on (the paper: 256).</summary>
    public int CropSize { get; init; } = 256;

    /// <summary>Crops per optimisation step (the paper: 4).</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Passes over the photo folder; ignored when <see cref="Steps"/> is set.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>A fixed number of optimisation steps instead of whole epochs.</summary>
    public int? Steps { get; init; }

    /// <summary>Adam's step size (the paper: 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight of ½Σ(F − P)² at the content layer, per photo (Gatys eq. 1, shared code).</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>
    /// Weight of the mean over style layers of Σ(G − A)²/(4N²M²) (Gatys eq. 4, shared code). Johnson et al. normalise
    /// the Gram by C·H·W instead; the two differ per layer by a constant, which this weight absorbs. Measured magnitudes
    /// (VGG19 Caffe, 256²): a photo's own style term is ~1.7e10 and a grey image's content term ~2.5e10, so at 3 the
    /// weighted style of an unchanged photo outweighs a total loss of content about twofold; at 10 (sevenfold) the 160 px
    /// quick runs gave up the photo for texture.
    /// </summary>
    public double StyleWeight { get; init; } = 3;

    /// <summary>Weight of the squared total variation Σ(Δy² + Δx²) per photo; useful values lie in 1e-6 … 1e-3.</summary>
    public double TotalVariationWeight { get; init; } = 1e-5;

    /// <summary>The loss network and its layers; null chooses <see cref="LossLayers.Vgg16Johnson"/> when a complete VGG16 is
    /// installed, else <see cref="LossLayers.Vgg19Fallback"/>.</summary>
    public LossLayers? Layers { get; init; }

    /// <summary>The style image is resized so its longest side is this (the paper uses the crop size).</summary>
    public int StyleSize { get; init; } = 256;

    public FastNormalization Normalization { get; init; } = FastNormalization.Instance;
    public FastUpsampling Upsampling { get; init; } = FastUpsampling.ResizeConvolution;
    public FastWidth Width { get; init; } = FastWidth.Full;

    /// <summary>Normalise the output layer too, as the pretrained networks do; off by default (see
    /// <see cref="TransformerNetOptions.OutputNormalization"/> for the artefact it invites).</summary>
    public bool OutputNormalization { get; init; }

    /// <summary>
    /// What the frozen VGG computes in; the transformation network, the losses and Adam stay float32. bfloat16 steps
    /// are 1.2× faster here (docs/benchmarks.md) and its quick runs carry the style (docs/training.md; before the
    /// gradient fix they matched float32's runs); float32 is the better choice on CPUs without bfloat16 instructions.
    /// </summary>
    public ComputePrecision LossNetworkPrecision { get; init; } = ComputePrecision.BFloat16;

    /// <summary>Seeds the network's initial weights and this run's own crop/shuffle generator.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>A checkpoint (weights, Adam moments, loss curve) and a preview every this many steps; 0 never.</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>A step whose loss exceeds this multiple of the smallest loss so far counts as divergence.</summary>
    public double DivergenceFactor { get; init; } = 1e3;

    /// <summary>Johnson et al.'s setting: every default (256 px crops, full width, 2 epochs).</summary>
    public static TrainingOptions Full { get; } = new();

    /// <summary>
    /// A setting a 2-core CPU finishes in about half an hour on the 165 training photos of the development data (the issue's
    /// target): 160 px crops, half width (about 4× cheaper), 1500 steps.
    /// </summary>
    public static TrainingOptions Quick { get; } = new() { CropSize = 160, Width = FastWidth.Half, Steps = 1500 };

    /// <summary>"160 px crops, half width, 1500 steps": what a person choosing a setting needs to know.</summary>
    public string Summary() =>
        $"{CropSize} px crops, {(Width == FastWidth.Half ? "half" : "full")} width, " +
        (Steps is { } steps ? $"{steps} steps" : $"{Epochs} epoch{(Epochs == 1 ? "" : "s")}");

    /// <summary>The network's architecture as these options describe it.</summary>
    public TransformerNetOptions NetworkOptions => new()
    {
        Normalization = Normalization,
        Upsampling = Upsampling,
        Width = Width,
        OutputNormalization = OutputNormalization,
        // PyTorch's batch-norm epsilon; instance norm keeps the pretrained networks' TensorFlow 1e-3.
        NormalizationEpsilon = Normalization == FastNormalization.Batch ? 1e-5 : 1e-3,
    };
}
