using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Video;

/// <summary>Settings of one video stylisation; the defaults live here.</summary>
public sealed record VideoOptions
{
    /// <summary>Frames are scaled down (never up) so their longer side is at most this; 640 keeps a 2-core CPU near real time for short clips.</summary>
    public int MaxSide { get; init; } = 640;

    /// <summary>Keep the video's colours and take only the luminance from the network.</summary>
    public bool PreserveColors { get; init; }

    /// <summary>How strongly each frame is painted: 1 the network's picture, 0 the frame (<see cref="Imaging.StyleStrength"/>).</summary>
    public double Strength { get; init; } = new FastStyleOptions().Strength;

    public ComputePrecision Precision { get; init; } = new FastStyleOptions().Precision;

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

    /// <summary>What each frame is stylised with.</summary>
    public FastStyleOptions FrameOptions => new() { MaxSide = MaxSide, PreserveColors = PreserveColors, Strength = Strength, Precision = Precision };

    /// <exception cref="VideoException">A value is out of range.</exception>
    public void Validate()
    {
        if (MaxSide is < 16 or > 4096) throw new VideoException($"The longest side must be between 16 and 4096 pixels, not {MaxSide}.");
        if (!Imaging.StyleStrength.IsValid(Strength))
            throw new VideoException($"The style strength must be between 0 (the video as it is) and 1 (the style at full strength), not {Strength}.");
        if (MaxFrames < 1) throw new VideoException($"The frame limit must be at least 1, not {MaxFrames}.");
    }
}
