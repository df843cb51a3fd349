namespace StyleGallery.Engine.Training;

/// <summary>One point of the loss curve: the weighted terms after a step.</summary>
public sealed record LossRecord(int Step, double Content, double Style, double TotalVariation)
{
    public double Total => Content + Style + TotalVariation;
}
