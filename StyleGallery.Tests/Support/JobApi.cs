using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Support;

/// <summary>
/// The web app's small job API as a script drives it (<c>POST /api/jobs</c>, <c>GET /api/jobs/{id}</c>), for the tests
/// that run the app as OS processes: one web app, or a cluster's web nodes.
/// </summary>
internal static class JobApi
{
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(4);

    /// <summary>Posts an optimisation of a small photo (<paramref name="maxSide"/> px, the scream).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string baseUrl, int iterations, int maxSide = 64)
    {
        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent(ImageEncoder.Encode(TestImages.Gradient(96, 64), EncodedFormat.Png));
        photo.Headers.ContentType = new("image/png");
        form.Add(photo, "photo", "photo.png");
        form.Add(new StringContent("scream"), "style");
        form.Add(new StringContent(maxSide.ToString(CultureInfo.InvariantCulture)), "maxSide");
        form.Add(new StringContent(iterations.ToString(CultureInfo.InvariantCulture)), "iterations");
        return await http.PostAsync(baseUrl + "/api/jobs", form);
    }

    /// <summary>Queues an optimisation through the API, as a script would; returns its id.</summary>
    public static async Task<string> SubmitAsync(HttpClient http, string baseUrl, int iterations, int maxSide = 64)
    {
        using var response = await PostAsync(http, baseUrl, iterations, maxSide);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/jobs answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The job as <c>GET /api/jobs/{id}</c> tells it.</summary>
    public static async Task<JobView> GetAsync(HttpClient http, string baseUrl, string id)
    {
        var json = await http.GetFromJsonAsync<JsonElement>(baseUrl + "/api/jobs/" + id);
        return new JobView(
            json.GetProperty("status").GetString()!,
            json.TryGetProperty("step", out var step) ? step.GetInt32() : 0,
            json.TryGetProperty("attempt", out var attempt) ? attempt.GetInt32() : 0,
            json.TryGetProperty("resumedFrom", out var from) && from.ValueKind == JsonValueKind.Number ? from.GetInt32() : null,
            json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null);
    }

    /// <summary>Polls until <paramref name="done"/> holds for the job, handing every state seen to <paramref name="seen"/>.</summary>
    public static Task<JobView> WaitAsync(HttpClient http, string baseUrl, string id, Func<JobView, bool> done, Action<JobView>? seen = null) =>
        Eventually.UntilAsync(async () =>
        {
            var view = await GetAsync(http, baseUrl, id);
            seen?.Invoke(view);
            return view;
        }, done, $"job {id} reaches the awaited state", Guard);
}

/// <summary>What the API says of a job at one moment.</summary>
internal sealed record JobView(string Status, int Step, int Attempt, int? ResumedFrom, string? Error);
