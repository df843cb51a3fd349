using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Tests.Web;

/// <summary>The scripts' HTTP API and the notification service, end to end on the real engine with a tiny run.</summary>
[Collection(TorchCollection.Name)]
public sealed class JobApiTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_job_created_by_multipart_runs_to_the_end_and_its_result_is_served()
    {
        using var client = app.CreateClient();
        var notifications = app.Services.GetRequiredService<JobNotifications>();
        var updates = new List<JobUpdate>();
        using var form = Form(ImageEncoder.Encode(RgbImage.Filled(80, 60, 30, 90, 160), EncodedFormat.Png), iterations: 3);

        var created = await client.PostAsync("/api/jobs", form);
        var id = (await created.Content.ReadFromJsonAsync<Created>())!.Id;
        using (notifications.Subscribe(id, u => { lock (updates) updates.Add(u); return Task.CompletedTask; }))
        {
            await WaitUntilFinishedAsync(client, id);
        }

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var status = await client.GetFromJsonAsync<StatusDto>($"/api/jobs/{id}");
        Assert.Equal(("Succeeded", 3, 3), (status!.Status, status.Step, status.TotalSteps));
        var result = ImageDecoder.Decode(await client.GetByteArrayAsync($"/api/jobs/{id}/result.png"));
        Assert.Equal((64, 48), (result.Width, result.Height));
        Assert.NotEmpty(updates);
    }

    [Fact]
    public async Task A_painting_of_the_catalogue_without_a_fast_style_is_installed_and_optimised_with()
    {
        using var client = app.CreateClient();
        using var form = Form(ImageEncoder.Encode(RgbImage.Filled(80, 60, 30, 90, 160), EncodedFormat.Png), iterations: 2, style: "painting.mona_lisa");

        var created = await client.PostAsync("/api/jobs", form);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<Created>())!.Id;
        await WaitUntilFinishedAsync(client, id);

        Assert.Equal("Succeeded", (await client.GetFromJsonAsync<StatusDto>($"/api/jobs/{id}"))!.Status);
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_is_a_400_with_a_friendly_message()
    {
        using var client = app.CreateClient();
        using var form = Form("%PDF-1.4 not a picture"u8.ToArray(), iterations: 3);

        var response = await client.PostAsync("/api/jobs", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a picture", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_jobs_are_404()
    {
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/jobs/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/jobs/nope/preview.png")).StatusCode);
    }

    [Fact]
    public void A_disposed_subscription_leaves_no_handler_behind()
    {
        var notifications = app.Services.GetRequiredService<JobNotifications>();
        var before = notifications.SubscriberCount;

        var subscription = notifications.Subscribe("any", _ => Task.CompletedTask);
        var during = notifications.SubscriberCount;
        subscription.Dispose();

        Assert.Equal((before + 1, before), (during, notifications.SubscriberCount));
    }

    private static MultipartFormDataContent Form(byte[] photo, int iterations, string style = "udnie") => new()
    {
        { new ByteArrayContent(photo), "photo", "photo.png" },
        { new StringContent(style), "style" },
        { new StringContent("64"), "maxSide" },
        { new StringContent(iterations.ToString(CultureInfo.InvariantCulture)), "iterations" },
    };

    private static Task WaitUntilFinishedAsync(HttpClient client, string id) =>
        Eventually.UntilAsync(() => client.GetFromJsonAsync<StatusDto>($"/api/jobs/{id}"), status => status!.IsFinished, $"job {id} has finished");

    private sealed record Created(string Id);

    private sealed record StatusDto(string Status, int Step, int TotalSteps, bool IsFinished);
}
