namespace StyleGallery.Cli;

/// <summary>What the process returns; scripts can tell a bad image from a missing model.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int BadImage = 3;
    public const int MissingModel = 4;
    public const int Cancelled = 130;
}
