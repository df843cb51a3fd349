using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services.Live;

/// <summary>
/// Paints single camera frames for the live page: a JPEG in, a JPEG out, nothing stored. Each frame is an interactive
/// engine job, so it runs between two iterations of a long optimisation instead of waiting for it; the page keeps at
/// most two frames in flight (one painting while the other travels), so a slow machine lowers the frame rate instead
/// of building a backlog.
/// </summary>
public sealed class LiveFrames(IStyleEngineClient engine, ILogger<LiveFrames> logger)
{
    /// <summary>Paints one frame at <paramref name="options"/>' size, colours and strength (the engine ignores its precision).</summary>
    /// <param name="cameraKey">
    /// The engine's name of the camera it comes from, or null for a frame on its own: frames of one camera follow its
    /// motion, so a moving phone keeps its strokes.
    /// </param>
    /// <param name="sequence">The frame's number in its camera, counting up: a frame overtaken by a later one does not move the camera back.</param>
    /// <exception cref="UserFacingException">The frame is no picture, the size or strength is out of range, or the style cannot paint.</exception>
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    public async Task<byte[]> PaintAsync(byte[] frame, string styleId, FastStyleOptions options, string? cameraKey, CancellationToken cancellationToken, long? sequence = null)
    {
        var request = new LiveFrameRequest(frame, styleId, options, cameraKey, sequence);
        return await EngineRefusals.AskWithFastStyleAsync(engine, styleId, () => engine.StylizeFrameAsync(request, cancellationToken), logger,
            failed: "Something went wrong while painting the camera picture.");
    }
}
