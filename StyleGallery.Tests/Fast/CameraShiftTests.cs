using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Fast;

[Collection(TorchCollection.Name)]
public sealed class CameraShiftTests
{
    private static readonly RgbImage Scene = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 320);

    /// <summary>What a 160×96 camera sees with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>) of the scene.</summary>
    private static RgbImage View(int x, int y) => Scene.Crop(x, y, 160, 96);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, -2)]
    [InlineData(-7, 5)]
    [InlineData(0, 12)]
    public void The_camera_s_whole_pixel_move_between_two_frames_is_found(int dx, int dy) =>
        Assert.Equal((dx, dy), CameraShift.Between(View(60, 50), View(60 + dx, 50 + dy)));

    [Fact]
    public void A_subject_moving_in_front_of_a_still_camera_is_not_taken_for_the_camera_moving()
    {
        var subject = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 320).Crop(100, 60, 64, 64);
        var before = WithSubject(View(60, 50), subject, 40, 20);
        var after = WithSubject(View(60, 50), subject, 43, 20); // it moved 3 pixels; the background did not

        Assert.Equal((0, 0), CameraShift.Between(before, after));
    }

    [Fact]
    public void Noise_on_a_smooth_picture_is_not_taken_for_a_move()
    {
        var random = new Random(3);
        RgbImage Noisy() => new(96, 72, TestImages.Gradient(96, 72).Pixels.Select(p => (byte)Math.Clamp(p + random.Next(-4, 5), 0, 255)).ToArray());

        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal((0, 0), CameraShift.Between(Noisy(), Noisy())));
    }

    [Fact]
    public void Before_a_plain_background_the_subject_s_move_is_the_only_one_there_is()
    {
        var subject = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 320).Crop(100, 60, 64, 64);
        var plain = RgbImage.Filled(160, 96, 120, 120, 120);

        // Content moving left reads as a camera moving right, as for a pan.
        Assert.Equal((3, 0), CameraShift.Between(WithSubject(plain, subject, 40, 20), WithSubject(plain, subject, 37, 20)));
    }

    /// <summary><paramref name="frame"/> with <paramref name="subject"/> pasted at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    private static RgbImage WithSubject(RgbImage frame, RgbImage subject, int left, int top)
    {
        var pixels = (byte[])frame.Pixels.Clone();
        for (var y = 0; y < subject.Height; y++)
            Array.Copy(subject.Pixels, y * subject.Width * 3, pixels, ((top + y) * frame.Width + left) * 3, subject.Width * 3);
        return new RgbImage(frame.Width, frame.Height, pixels);
    }

    [Theory]
    [InlineData(5, -3)]
    [InlineData(-60, 40)]
    public void On_frames_larger_than_the_window_the_move_is_found_on_their_centre(int dx, int dy)
    {
        var scene = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 1024);
        Assert.True(scene.Width > 600 + 2 * 70 && 300 > CameraShift.MaxWindow);

        Assert.Equal((dx, dy), CameraShift.Between(scene.Crop(70, 70, 600, 300), scene.Crop(70 + dx, 70 + dy, 600, 300)));
    }

    [Fact]
    public void Frames_of_different_sizes_are_refused() =>
        Assert.Throws<ArgumentException>(() => CameraShift.Between(View(0, 0), Scene.Crop(0, 0, 96, 96)));

    [Fact]
    public void A_camera_stream_adds_the_moves_up_and_wraps_them_onto_the_grid()
    {
        var camera = new CameraStream();
        // Corners of the view, frame by frame: the moves are +1, +2, -5 across and 0, +3, +1 down.
        (int X, int Y)[] corners = [(60, 50), (61, 50), (63, 53), (58, 54)];

        var phases = corners.Select(c => camera.Next(View(c.X, c.Y)).Phase).ToList();

        Assert.Equal([new GridPhase(0, 0), new GridPhase(1, 0), new GridPhase(3, 3), new GridPhase(2, 0)], phases);
        Assert.Equal((-2L, 4L), camera.TotalShift);
    }

    [Fact]
    public void A_frame_of_another_size_starts_the_count_again()
    {
        var camera = new CameraStream();
        camera.Next(View(60, 50));
        camera.Next(View(62, 50));

        Assert.Equal(new GridPhase(0, 0), camera.Next(Scene.Crop(10, 10, 96, 96)).Phase);
        Assert.Equal((0L, 0L), camera.TotalShift);
    }
}
