using System.Diagnostics;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Training;

namespace StyleGallery.Bench;

/// <summary>
/// The server's part of a live frame, stage by stage, in this process and one frame at a time: decoding the page's JPEG,
/// following the camera (phase correlation and the temporal denoiser), the network with its tensor conversions, and
/// encoding the answer. The frames are a photo panning 2 pixels a frame, encoded as a browser sends them (JPEG 90).
/// </summary>
internal static class LiveStages
{
    internal sealed record Row(FrameSize Size, string Network, double DecodeMs, double FollowMs, double NetworkMs, double EncodeMs);

    /// <summary>JPEG quality of the page's frames (live.js) and of the engine's answers.</summary>
    private const int PageQuality = 90;
    private const int AnswerQuality = 85;

    public static IReadOnlyList<Row> Measure(IReadOnlyList<FrameSize> sizes, string fullNetwork, string liteNetwork, string photo, int frames, int warmup)
    {
        using var stylizer = FastStylizer.ForNetworks(id => id == "lite"
            ? new FastNetworkSource(liteNetwork, TrainedStyleFile.LoadNetwork)
            : FastNetworkSource.Pretrained(fullNetwork));
        var rows = new List<Row>();
        foreach (var size in sizes)
        {
            var side = Math.Max(size.Width, size.Height);
            var scene = BenchPhotos.Load(photo, size.Width + 2 * (frames + warmup), size.Height);
            var jpegs = Enumerable.Range(0, frames + warmup)
                .Select(n => ImageEncoder.Encode(scene.Crop(2 * n, 0, size.Width, size.Height), EncodedFormat.Jpeg, PageQuality)).ToList();
            var options = new FastStyleOptions { MaxSide = side };
            foreach (var network in new[] { "full", "lite" })
            {
                var stream = new CameraStream(denoise: true);
                var (decode, follow, paint, encode) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
                for (var n = 0; n < jpegs.Count; n++)
                {
                    var clock = Stopwatch.StartNew();
                    var frame = ImageDecoder.DecodeToFit(jpegs[n], side);
                    var decoded = clock.Elapsed.TotalMilliseconds;
                    var (followed, _) = stream.Next(frame, n);
                    var followedAt = clock.Elapsed.TotalMilliseconds;
                    var painted = stylizer.StylizeFrame(followed, network, options);
                    var paintedAt = clock.Elapsed.TotalMilliseconds;
                    ImageEncoder.Encode(painted, EncodedFormat.Jpeg, AnswerQuality);
                    var encodedAt = clock.Elapsed.TotalMilliseconds;
                    if (n < warmup) continue;
                    decode.Add(decoded);
                    follow.Add(followedAt - decoded);
                    paint.Add(paintedAt - followedAt);
                    encode.Add(encodedAt - paintedAt);
                }
                stream.Dispose();
                rows.Add(new Row(size, network, Timing.Median(decode), Timing.Median(follow), Timing.Median(paint), Timing.Median(encode)));
            }
        }
        return rows;
    }
}
