using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Fast;

[Collection(TorchCollection.Name)]
public sealed class FastStylizerTests : IDisposable
{
    private static readonly FastStyleOptions Float32 = new() { Precision = ComputePrecision.Float32 };
    private readonly FastStylizer _stylizer = new(SharedData.Fast);

    [Fact]
    public void Output_has_the_size_of_an_odd_sized_input_that_fits()
    {
        var content = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 67);
        Assert.NotEqual(0, content.Height % 4); // the network computes on a padded size; the crop must undo it
        var result = _stylizer.Stylize(content, "udnie", Float32);
        Assert.Equal((content.Width, content.Height), (result.Width, result.Height));
    }

    [Fact]
    public void Large_input_is_scaled_down_to_max_side_keeping_its_aspect()
    {
        var content = RgbImage.Filled(150, 100, 90, 140, 200);
        var result = _stylizer.Stylize(content, "wave", Float32 with { MaxSide = 48 });
        Assert.Equal((48, 32), (result.Width, result.Height));
    }

    [Fact]
    public void Preserving_colours_keeps_the_photos_chroma()
    {
        var content = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 96);
        var plain = _stylizer.Stylize(content, "udnie", Float32);
        var preserved = _stylizer.Stylize(content, "udnie", Float32 with { PreserveColors = true });
        var (plainI, plainQ) = TestPhotos.MeanChromaDifference(plain, content);
        var (keptI, keptQ) = TestPhotos.MeanChromaDifference(preserved, content);
        Assert.True(plainI + plainQ > 10, $"udnie should change the colours (|dI|+|dQ| = {plainI + plainQ:F2})");
        Assert.True(keptI < 2 && keptQ < 2, $"chroma should stay the photo's (|dI| {keptI:F2}, |dQ| {keptQ:F2})");
    }

    [Fact]
    public void Strength_tones_the_style_down_towards_the_photo()
    {
        var content = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 96);
        var full = _stylizer.Stylize(content, "udnie", Float32);
        var none = _stylizer.Stylize(content, "udnie", Float32 with { Strength = 0 });
        var half = _stylizer.Stylize(content, "udnie", Float32 with { Strength = 0.5 });

        Assert.Equal(content.Pixels, none.Pixels);
        var midway = content.Pixels.Zip(full.Pixels, (p, f) => (p + f) / 2.0).ToArray();
        Assert.All(half.Pixels.Zip(midway), pair => Assert.InRange(pair.First, pair.Second - 0.5, pair.Second + 0.5));
        Assert.True(TestPhotos.MeanAbsoluteError(full, content) > 20, "udnie should change the photo a lot");
    }

    [Fact]
    public void Strength_applies_after_colour_preservation()
    {
        var content = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 64);
        var preserved = _stylizer.Stylize(content, "udnie", Float32 with { PreserveColors = true });
        var mixed = _stylizer.Stylize(content, "udnie", Float32 with { PreserveColors = true, Strength = 0.3 });
        Assert.Equal(StyleStrength.Mix(content, preserved, 0.3).Pixels, mixed.Pixels);
    }

    [Fact]
    public void Another_strength_or_colours_on_the_same_photo_reuses_the_networks_picture()
    {
        using var stylizer = new FastStylizer(SharedData.Fast);
        var content = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 64);
        var full = stylizer.Stylize(content, "udnie", Float32);
        var samePhotoAgain = new RgbImage(content.Width, content.Height, (byte[])content.Pixels.Clone());

        var half = stylizer.Stylize(samePhotoAgain, "udnie", Float32 with { Strength = 0.5 });
        var kept = stylizer.Stylize(samePhotoAgain, "udnie", Float32 with { PreserveColors = true });

        Assert.Equal(1, stylizer.NetworkRuns);
        Assert.Equal(StyleStrength.Mix(content, full, 0.5).Pixels, half.Pixels);
        Assert.Equal(LuminanceTransfer.Combine(full, content).Pixels, kept.Pixels);
        samePhotoAgain.Pixels[0] ^= 0xFF;
        stylizer.Stylize(samePhotoAgain, "udnie", Float32);
        stylizer.Stylize(content, "wave", Float32);
        stylizer.Stylize(content, "udnie", new FastStyleOptions());
        Assert.Equal(4, stylizer.NetworkRuns); // another photo, another style, another precision
    }

    [Fact]
    public void Frames_of_a_stream_always_run_the_network_and_leave_the_kept_pictures_alone()
    {
        using var stylizer = new FastStylizer(SharedData.Fast);
        var photo = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 32);
        var full = stylizer.Stylize(photo, "udnie", Float32);

        var frames = Enumerable.Range(0, 6).Select(i => stylizer.StylizeFrame(TestImages.Gradient(24, 16, blue: (byte)(40 * i)), "udnie", Float32)).ToList();
        var again = stylizer.StylizeFrame(photo, "udnie", Float32 with { Strength = 0.5 });
        var kept = stylizer.Stylize(photo, "udnie", Float32 with { Strength = 0.5 });

        Assert.Equal(8, stylizer.NetworkRuns); // the photo once, six frames, the photo again as a frame; the last call reused
        Assert.Equal(StyleStrength.Mix(photo, full, 0.5).Pixels, again.Pixels);
        Assert.Equal(again.Pixels, kept.Pixels);
    }

    [Fact]
    public void Without_recent_pictures_every_call_runs_the_network()
    {
        using var stylizer = new FastStylizer(SharedData.Fast, recentPictures: 0);
        var content = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 32);

        stylizer.Stylize(content, "udnie", Float32);
        stylizer.Stylize(content, "udnie", Float32 with { Strength = 0.5 });

        Assert.Equal(2, stylizer.NetworkRuns);
    }

    [Fact]
    public void A_picture_handed_out_is_never_the_one_kept_for_reuse()
    {
        using var stylizer = new FastStylizer(SharedData.Fast);
        var content = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 48);
        var first = stylizer.Stylize(content, "udnie", Float32);
        var original = (byte[])first.Pixels.Clone();

        Array.Clear(first.Pixels);
        var again = stylizer.Stylize(content, "udnie", Float32);

        Assert.Equal(1, stylizer.NetworkRuns);
        Assert.Equal(original, again.Pixels);
    }

    [Fact]
    public void A_strength_outside_zero_to_one_is_refused_before_any_work()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _stylizer.Stylize(RgbImage.Filled(8, 8, 0, 0, 0), "no_such_style", Float32 with { Strength = 2 }));
        Assert.Contains("style strength", error.Message);
    }

    /// <summary>
    /// The truth for the edges of a crop is the picture of the whole photo, cut the same way: there the network saw what
    /// lies beyond them. Instance norm makes every pixel depend a little on the whole frame, so the crop differs from it
    /// everywhere; what padding must remove is the extra error along the edges (zero padding's band).
    /// </summary>
    [Theory]
    [InlineData("rain_princess")]
    [InlineData("la_muse")]
    [InlineData("mathura")]
    public void Mirrored_edges_paint_the_borders_as_the_rest_of_the_photo_would_paint_them(string style)
    {
        var whole = TestPhotos.Load(SharedData.Content("stata.jpg"), 512);
        var crop = whole.Crop(left: 64, top: 44, width: 384, height: 256); // offsets on the network's 4-pixel grid
        var truth = _stylizer.Stylize(whole, style, Float32).Crop(64, 44, 384, 256);

        var zeroPadded = EdgeExcess(_stylizer.Stylize(crop, style, Float32 with { EdgePadding = 0 }), truth);
        var mirrored = EdgeExcess(_stylizer.Stylize(crop, style, Float32), truth);

        Assert.True(zeroPadded > 4, $"{style}: the zero-padded band should stand out ({zeroPadded:F1} grey levels above the interior)");
        Assert.True(mirrored < 0.7 * zeroPadded, $"{style}: edge error above the interior, mirrored {mirrored:F1} vs zero-padded {zeroPadded:F1}");
    }

    [Fact]
    public void A_frame_that_follows_the_camera_keeps_its_strokes_when_the_camera_moves_one_pixel()
    {
        var scene = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 320);
        var before = scene.Crop(60, 50, 160, 96);
        var after = scene.Crop(61, 50, 160, 96); // the camera moved one pixel right

        var camera = new CameraStream();
        var first = _stylizer.StylizeFrame(before, "udnie", Float32, camera);
        var followed = _stylizer.StylizeFrame(after, "udnie", Float32, camera);
        var (fixedFirst, unfollowed) = (_stylizer.StylizeFrame(before, "udnie", Float32), _stylizer.StylizeFrame(after, "udnie", Float32));

        // Two stride-2 layers: only a move of 4 pixels would be painted alike on a fixed grid.
        var withCamera = SceneSteadiness.ShiftedDifference(first, followed, 1, 0, margin: 16);
        var fixedGrid = SceneSteadiness.ShiftedDifference(fixedFirst, unfollowed, 1, 0, margin: 16);
        Assert.True(withCamera < 0.25 * fixedGrid, $"the scene's strokes changed by {withCamera:F2} following the camera, {fixedGrid:F2} on a fixed grid");
        Assert.Equal((1L, 0L), camera.TotalShift);
        Assert.Equal((160, 96), (followed.Width, followed.Height));
    }

    [Fact]
    public void The_camera_is_followed_in_the_frame_s_working_size()
    {
        var scene = TestPhotos.Load(SharedData.Content("tubingen.jpg"), 640);
        var camera = new CameraStream();

        _stylizer.StylizeFrame(scene.Crop(100, 80, 320, 192), "udnie", Float32 with { MaxSide = 160 }, camera);
        _stylizer.StylizeFrame(scene.Crop(104, 80, 320, 192), "udnie", Float32 with { MaxSide = 160 }, camera);

        Assert.Equal((2L, 0L), camera.TotalShift); // 4 pixels of the 320 px frame are 2 of the 160 px one the network paints
    }

    [Fact]
    public void Edge_padding_is_never_wider_than_the_picture_can_mirror()
    {
        Assert.Equal((8, 24), FastStylizer.EdgePaddingFor(RgbImage.Filled(100, 60, 0, 0, 0), 24));
        Assert.Equal((2, 7), FastStylizer.EdgePaddingFor(RgbImage.Filled(30, 8, 0, 0, 0), 24));
        Assert.Equal((0, 0), FastStylizer.EdgePaddingFor(RgbImage.Filled(1, 1, 0, 0, 0), 24));
        var tiny = _stylizer.Stylize(RgbImage.Filled(5, 3, 40, 80, 120), "udnie", Float32);
        Assert.Equal((5, 3), (tiny.Width, tiny.Height));
    }

    [Fact]
    public void A_network_is_loaded_once_per_style_and_precision()
    {
        var first = _stylizer.Network("udnie", ComputePrecision.Float32);
        var concurrent = Enumerable.Range(0, 4).AsParallel().Select(_ => _stylizer.Network("udnie", ComputePrecision.Float32)).ToList();
        Assert.All(concurrent, n => Assert.Same(first, n));
        Assert.NotSame(first, _stylizer.Network("udnie", ComputePrecision.BFloat16));
    }

    [Fact]
    public void An_unknown_style_gives_a_clear_error()
    {
        var error = Assert.Throws<UnknownStyleException>(() => _stylizer.Stylize(RgbImage.Filled(8, 8, 0, 0, 0), "no_such_style", Float32));
        Assert.Equal("no_such_style", error.StyleId);
        Assert.Contains("no_such_style", error.Message);
    }

    [Fact]
    public void A_catalogue_that_rejects_the_id_gives_the_same_error()
    {
        using var stylizer = new FastStylizer(id => throw new KeyNotFoundException($"'{id}' is not in the catalogue."));
        var error = Assert.Throws<UnknownStyleException>(() => stylizer.Stylize(RgbImage.Filled(8, 8, 0, 0, 0), "mystery", Float32));
        Assert.Contains("not in the catalogue", error.Message);
    }

    [Fact]
    public void Cancellation_is_honoured_before_any_work()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => _stylizer.Stylize(RgbImage.Filled(8, 8, 0, 0, 0), "udnie", Float32, cancelled.Token));
    }

    /// <summary>bfloat16 is the default only because its result stays within 1.5 grey levels of float32 (quality, not speed).</summary>
    [Fact]
    public void Default_bfloat16_stays_within_one_and_a_half_grey_levels_of_float32_on_a_real_photo()
    {
        Assert.Equal(ComputePrecision.BFloat16, new FastStyleOptions().Precision);
        var content = TestPhotos.Load(SharedData.Content("chicago.jpg"), 128);
        var float32 = _stylizer.Stylize(content, "udnie", Float32);
        var bfloat16 = _stylizer.Stylize(content, "udnie", new FastStyleOptions());
        var mae = TestPhotos.MeanAbsoluteError(bfloat16, float32);
        Assert.True(mae is > 0 and < 1.5, $"bfloat16 vs float32 MAE {mae:F3} grey levels");
    }

    /// <summary>Mean error of the 16-pixel bands along the right and bottom edges, minus that of the interior.</summary>
    private static double EdgeExcess(RgbImage picture, RgbImage truth)
    {
        const int band = 16;
        var (w, h) = (picture.Width, picture.Height);
        var edges = TestPhotos.MeanAbsoluteError(picture.Crop(w - band, 0, band, h), truth.Crop(w - band, 0, band, h))
                  + TestPhotos.MeanAbsoluteError(picture.Crop(0, h - band, w, band), truth.Crop(0, h - band, w, band));
        var interior = TestPhotos.MeanAbsoluteError(picture.Crop(64, 64, w - 128, h - 128), truth.Crop(64, 64, w - 128, h - 128));
        return edges / 2 - interior;
    }

    public void Dispose() => _stylizer.Dispose();
}
