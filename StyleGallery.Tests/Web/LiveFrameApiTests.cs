using System.Net;
using System.Net.Http.Headers;
using StyleGallery.Engine.Imaging;
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
    [InlineData("style=udnie&strength=1.5", "strength must be between 0 and 1")]
    public async Task Unknown_styles_and_sizes_out_of_range_are_400s(string query, string message)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync($"/api/live/frames?{query}", Jpeg(TestImages.Gradient(64, 48)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
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

    private static async Task<RgbImage> PaintedAsync(HttpClient client, string query, RgbImage frame)
    {
        using var response = await client.PostAsync($"/api/live/frames?{query}", Jpeg(frame));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ImageDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    private static ByteArrayContent Jpeg(RgbImage image)
    {
        var content = new ByteArrayContent(ImageEncoder.Encode(image, EncodedFormat.Jpeg, 90));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }
}
