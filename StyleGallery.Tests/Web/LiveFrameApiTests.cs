using System.Net;
using System.Net.Http.Headers;
using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Fast;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web;

/// <summary>The live page's frame endpoint on the real engine: a picture in, the painted picture out, clear refusals.</summary>
[Collection(TorchCollection.Name)]
public sealed class LiveFrameApiTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_camera_frame_comes_back_painted_at_the_requested_size()
    {
        using var client = app.CreateClient();
        var frame = TestImages.Gradient(160, 120);

        using var response = await client.PostAsync("/api/live/frames?style=udnie&size=96", Jpeg(frame));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var painted = ImageDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((96, 72), (painted.Width, painted.Height));
        var scaled = ImageResizer.FitWithin(frame, 96);
        Assert.True(TestImages.MeanAbsoluteDifference(scaled, painted) > 20, "the frame should be repainted, not echoed");
    }

    [Fact]
    public async Task Strength_tones_the_painting_down_towards_the_camera_frame()
    {
        using var client = app.CreateClient();
        var frame = TestImages.Gradient(96, 72);

        var none = await PaintedAsync(client, "style=udnie&size=96&strength=0", frame);
        var half = await PaintedAsync(client, "style=udnie&size=96&strength=0.5", frame);
        var full = await PaintedAsync(client, "style=udnie&size=96", frame);

        var input = ImageDecoder.Decode(ImageEncoder.Encode(frame, EncodedFormat.Jpeg, 90)); // what the server decoded
        Assert.True(TestImages.MeanAbsoluteDifference(input, none) < 3, "strength 0 should give the frame back (up to JPEG)");
        var fullChange = TestImages.MeanAbsoluteDifference(input, full);
        var halfChange = TestImages.MeanAbsoluteDifference(input, half);
        Assert.True(fullChange > 20, $"udnie should repaint the frame ({fullChange:F1})");
        Assert.InRange(halfChange, 0.35 * fullChange, 0.65 * fullChange);
    }

    [Fact]
    public async Task Frames_of_one_camera_follow_its_motion_so_a_pan_keeps_its_strokes()
    {
        using var client = app.CreateClient();
        var scene = ImageDecoder.DecodeFile(SharedData.Content("tubingen.jpg"));
        scene = ImageResizer.Resize(scene, 320, scene.Height * 320 / scene.Width);
        var (before, after) = (scene.Crop(60, 50, 160, 96), scene.Crop(61, 50, 160, 96)); // the phone moved one pixel right

        var followed = await PanChangeAsync(client, "style=la_muse&size=160&camera=phone-1", before, after);
        var unfollowed = await PanChangeAsync(client, "style=la_muse&size=160", before, after);

        // The painted frames come back as JPEGs, whose 8×8 blocks do not move with the scene: that error stays (about 5 here).
        Assert.True(followed < 0.5 * unfollowed, $"the painted scene changed by {followed:F2} following the camera, {unfollowed:F2} without");
    }

    [Fact]
    public async Task A_still_camera_s_noise_is_averaged_away_before_the_network()
    {
        using var client = app.CreateClient();
        var random = new Random(3);
        var still = TestPhotos.Load(SharedData.Content("golden_gate.jpg"), 128).Crop(16, 12, 96, 72);
        var frames = Enumerable.Range(0, 10)
            .Select(_ => new RgbImage(96, 72, still.Pixels.Select(p => (byte)Math.Clamp(p + random.Next(-4, 5), 0, 255)).ToArray())).ToList();

        var denoised = await FlickerAsync(client, "style=udnie&size=96&camera=still-1", frames);
        var raw = await FlickerAsync(client, "style=udnie&size=96", frames);

        Assert.True(denoised < 0.75 * raw, $"painted frames changed by {denoised:F2} from a named camera, {raw:F2} from none");
    }

    /// <summary>Mean change between painted frames after the third (a denoiser starts from the first and settles).</summary>
    private static async Task<double> FlickerAsync(HttpClient client, string query, IReadOnlyList<RgbImage> frames)
    {
        var painted = new List<RgbImage>();
        foreach (var frame in frames) painted.Add(await PaintedAsync(client, query, frame, EncodedFormat.Png));
        return painted.Skip(2).Zip(painted.Skip(3), (a, b) => SceneSteadiness.ShiftedDifference(a, b, 0, 0, margin: 8)).Average();
    }

    /// <summary>
    /// How much the painted scene changes between two frames of a camera that moved one pixel right. The frames go as
    /// PNGs: a JPEG's 8×8 blocks stay where the frame is while the scene moves, and the network paints their edges too.
    /// </summary>
    private static async Task<double> PanChangeAsync(HttpClient client, string query, RgbImage before, RgbImage after) =>
        SceneSteadiness.ShiftedDifference(await PaintedAsync(client, query, before, EncodedFormat.Png), await PaintedAsync(client, query, after, EncodedFormat.Png), 1, 0, margin: 16);

    [Fact]
    public async Task A_body_that_is_no_picture_is_a_400_that_says_so()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/live/frames?style=udnie", new ByteArrayContent("%PDF-1.4 a document"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a picture", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("style=monet", "The style 'monet' does not exist")]
    [InlineData("style=udnie&size=4000", "between 64 and 640 pixels")]
    [InlineData("style=udnie&strength=1.5", "strength must be between 0 (the photo) and 1")]
    [InlineData("style=painting.starry_night", "The style 'painting.starry_night' has no fast network")]
    [InlineData("style=udnie&camera=..%2Fetc", "A camera id is 1 to 64 letters, digits or dashes")]
    [InlineData("style=udnie&camera=a%20b", "A camera id is 1 to 64 letters, digits or dashes")]
    [InlineData("style=udnie&camera=%C3%BCn%C3%AFcode", "A camera id is 1 to 64 letters, digits or dashes")]
    [InlineData("style=udnie&camera=abc&frame=-1", "A frame number counts up from 0")]
    public async Task Unknown_styles_and_sizes_out_of_range_are_400s(string query, string message)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync($"/api/live/frames?{query}", Jpeg(TestImages.Gradient(64, 48)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_camera_id_of_65_characters_is_a_400_and_one_of_64_is_followed()
    {
        using var client = app.CreateClient();

        using var tooLong = await client.PostAsync($"/api/live/frames?style=udnie&size=64&camera={new string('a', 65)}", Jpeg(TestImages.Gradient(64, 48)));
        using var longest = await client.PostAsync($"/api/live/frames?style=udnie&size=64&camera={new string('a', 64)}", Jpeg(TestImages.Gradient(64, 48)));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (tooLong.StatusCode, longest.StatusCode));
    }

    [Fact]
    public async Task A_numbered_frame_of_a_camera_is_painted_and_says_how_long_the_server_took()
    {
        using var client = app.CreateClient();

        using var first = await client.PostAsync("/api/live/frames?style=udnie&size=64&camera=cam-1&frame=0", Jpeg(TestImages.Gradient(64, 48)));
        using var overtaken = await client.PostAsync("/api/live/frames?style=udnie&size=64&camera=cam-1&frame=0", Jpeg(TestImages.Gradient(64, 48)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, overtaken.StatusCode));
        var timing = string.Join(", ", first.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"^read;dur=\d+\.\d, paint;dur=\d+\.\d$", timing);
    }

    [Fact]
    public async Task A_frame_over_the_size_limit_is_a_413_before_it_is_read()
    {
        using var client = app.CreateClient();
        var content = new ByteArrayContent(new byte[3 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");

        using var response = await client.PostAsync("/api/live/frames?style=udnie", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task<RgbImage> PaintedAsync(HttpClient client, string query, RgbImage frame, EncodedFormat format = EncodedFormat.Jpeg)
    {
        using var response = await client.PostAsync($"/api/live/frames?{query}", Encoded(frame, format));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ImageDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    private static ByteArrayContent Jpeg(RgbImage image) => Encoded(image, EncodedFormat.Jpeg);

    private static ByteArrayContent Encoded(RgbImage image, EncodedFormat format)
    {
        var content = new ByteArrayContent(ImageEncoder.Encode(image, format, 90));
        content.Headers.ContentType = new MediaTypeHeaderValue(format == EncodedFormat.Jpeg ? "image/jpeg" : "image/png");
        return content;
    }
}
