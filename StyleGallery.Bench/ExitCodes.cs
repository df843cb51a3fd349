namespace StyleGallery.Bench;

/// <summary>What the process returns (the same numbers as the <c>stylegallery</c> command's).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 2;
}
