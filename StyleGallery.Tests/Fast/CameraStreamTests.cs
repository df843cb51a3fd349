using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Fast;

/// <summary>
/// A live camera's stream with two frames in flight (issue 22): its frames may reach it out of order, and at once.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CameraStreamTests
{
    private static readonly RgbImage Scene = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 320);

    /// <summary>Frame <paramref name="n"/> of a camera panning right by 3 pixels a frame across the scene.</summary>
    private static RgbImage Frame(int n) => Scene.Crop(40 + 3 * n, 50, 160, 96);

    [Fact]
    public void A_frame_overtaken_by_a_later_one_is_painted_at_its_place_and_leaves_the_stream_as_it_was()
    {
        var stream = new CameraStream(denoise: true);
        var reference = new CameraStream(denoise: true);
        foreach (var n in new[] { 0, 2 })
        {
            stream.Next(Frame(n), n);
            reference.Next(Frame(n), n);
        }

        var (stale, phase) = stream.Next(Frame(1), 1); // sent before frame 2, arrived after it

        Assert.Equal(GridPhase.Of(3, 0), phase); // 3 pixels in, where frame 1 lies: 6 for frame 2, back 3
        Assert.Equal(Frame(1).Pixels, stale.Pixels); // not denoised against a later frame
        Assert.Equal((6L, 0L), stream.TotalShift);
        var (next, nextPhase) = stream.Next(Frame(3), 3);
        var (expected, expectedPhase) = reference.Next(Frame(3), 3);
        Assert.Equal(expectedPhase, nextPhase);
        Assert.Equal(expected.Pixels, next.Pixels); // the denoiser too carries on from frame 2
        Assert.Equal((9L, 0L), stream.TotalShift);
    }

    [Fact]
    public void Frames_without_numbers_are_taken_in_the_order_they_come()
    {
        var stream = new CameraStream();
        stream.Next(Frame(0));
        stream.Next(Frame(2));

        stream.Next(Frame(1));

        Assert.Equal((3L, 0L), stream.TotalShift);
    }

    [Fact]
    public async Task Two_frames_of_one_camera_at_a_time_leave_it_where_its_newest_frame_is()
    {
        const int Frames = 24;
        var frames = Enumerable.Range(0, Frames).Select(Frame).ToArray();
        var stream = new CameraStream(denoise: true);
        stream.Next(frames[0], 0); // the shift counts from the stream's first frame
        var next = 0;

        // Two callers, as two requests of one page: each takes the next frame and hands it in, so they race.
        var callers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var n = Interlocked.Increment(ref next); n < Frames; n = Interlocked.Increment(ref next))
                stream.Next(frames[n], n);
        })).ToArray();
        await Task.WhenAll(callers);

        Assert.Equal((3L * (Frames - 1), 0L), stream.TotalShift);
    }

    [Fact]
    public void A_disposed_stream_starts_again_with_its_next_frame()
    {
        var stream = new CameraStream();
        stream.Next(Frame(0), 0);
        stream.Next(Frame(1), 1);

        stream.Dispose();
        var (_, phase) = stream.Next(Frame(2), 0);

        Assert.Equal((0L, 0L), stream.TotalShift);
        Assert.Equal(GridPhase.Of(0, 0), phase);
    }
}
