using StyleGallery.Engine.Fast;

namespace StyleGallery.Engine.Video;

/// <summary>
/// Settings of one video stylisation; the defaults live here, and those of how each frame is painted in
/// <see cref="Look"/>, the same record a photo is painted with. <see cref="Problems"/> is the one check of both.
/// </summary>
public sealed record VideoOptions
{
    /// <summary>
    /// How each frame is painted: its size, colours, strength, precision and edge padding. Frames are scaled down
    /// (never up) to <see cref="FastStyleOptions.MaxSide"/>; 640 keeps a 2-core CPU near real time for short clips.
    /// </summary>
    public FastStyleOptions Look { get; init; } = new() { MaxSide = 640 };

    /// <summary>
    /// Denoise the frames in space and time (ffmpeg's hqdn3d) before the network. Not in Johnson et al.: the networks
    /// amplify frame-to-frame sensor noise into shimmer (about 2× on a still scene with noise); denoising first cut the
    /// painted frames' flicker by more than half there (docs/video.md) at the cost of a little fine detail.
    /// </summary>
    public bool Denoise { get; init; } = true;

    /// <summary>
    /// Follow the camera's pan and shake (<see cref="Fast.CameraStream"/>) and enter each frame into the network at the
    /// phase of that motion, so the brush strokes move with the scene. Not in Johnson et al.: their network, with two
    /// stride-2 layers, paints a scene moved by 1-3 pixels with other strokes; on a pan of 1 pixel a frame this cut the
    /// frame-to-frame change of the painted scene from 6.1 to 0.44 grey levels for udnie (docs/benchmarks.md).
    /// </summary>
    public bool FollowCamera { get; init; } = true;

    /// <summary>Carry the source's sound over.</summary>
    public bool KeepAudio { get; init; } = true;

    /// <summary>Longer videos are refused before any work starts (10 minutes at 30 frames per second).</summary>
    public int MaxFrames { get; init; } = 18_000;

    /// <summary>
    /// Larger source frames are refused before decoding: ffmpeg decodes at the source's size before scaling, so a file
    /// that claims a huge frame would take gigabytes per frame. 8K UHD (7680×4320) passes.
    /// </summary>
    public long MaxSourcePixels { get; init; } = 7680L * 4320;

    /// <summary>Every setting that cannot paint a video, each as a sentence; empty when all can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = Look.Problems().ToList();
        if (MaxFrames < 1) problems.Add($"The frame limit must be at least 1 (got {MaxFrames}).");
        if (MaxSourcePixels < 1) problems.Add($"The source frame limit must be at least 1 pixel (got {MaxSourcePixels}).");
        return problems;
    }
}
