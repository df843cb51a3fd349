namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>One instance-norm layer's per-channel mean and biased variance of its input over a whole picture.</summary>
public sealed record LayerStatistics(double[] Mean, double[] Variance)
{
    public int Channels => Mean.Length;
}
