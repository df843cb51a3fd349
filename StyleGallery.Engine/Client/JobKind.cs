namespace StyleGallery.Engine.Client;

/// <summary>What a job makes.</summary>
public enum JobKind
{
    /// <summary>A one-click fast-style picture (interactive, not durable).</summary>
    Fast,

    /// <summary>A Gatys optimisation.</summary>
    Optimise,

    /// <summary>A fast style network trained from a painting.</summary>
    Train,

    /// <summary>A video painted with a fast style.</summary>
    Video,

    /// <summary>A lite network distilled from a fast style's full one: its "live version".</summary>
    Distill,

    /// <summary>A fast-style picture at print size (thousands of pixels a side), painted in tiles: a long job.</summary>
    Print,
}
