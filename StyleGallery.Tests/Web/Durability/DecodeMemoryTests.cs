using System.Globalization;
using System.Net;
using System.Text.Json;
using SkiaSharp;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Web.Browser;
using Xunit.Abstractions;

namespace StyleGallery.Tests.Web.Durability;

/// <summary>
/// What a visitor can take by decoding (issue 24, point 2): a 157 KB single-colour 7000 × 7000 PNG passes the 50 MP limit.
/// Eight of them at once, sent cookie-less to <c>POST /api/jobs</c> and then to <c>/api/live/frames</c>, may raise the
/// app's peak RSS by at most 600 MB, and its RSS must come back within 300 MB of where it was. Memory, not time, is
/// checked: the app runs as its own process and its VmHWM and VmRSS are read from /proc.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class DecodeMemoryTests(ITestOutputHelper output)
{
    private const int Burst = 8;
    private const long MaxPeakRiseMb = 600, MaxLeftOverMb = 300;

    [Fact]
    public async Task Eight_concurrent_49_megapixel_uploads_raise_peak_rss_by_at_most_600_mb_and_it_falls_back()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sg-decode-" + Guid.NewGuid().ToString("N"));
        var app = new RunningApp(dataDirectory, new Dictionary<string, string>
        {
            ["StyleGallery__Engine__Threads"] = "1",
            ["StyleGallery__MaxConcurrentJobsPerAddress"] = "100", // all eight decode at once, not two
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        try
        {
            await app.InitializeAsync();
            var flat = FlatPng(7000, 7000);
            // Warm: the loss network loaded and one small job and frame painted, so what follows is the decoding.
            await WaitForJobsAsync(http, app, [(await PostJobAsync(http, app, Small()))!]);
            Assert.Equal(HttpStatusCode.OK, (await PostFrameAsync(http, app, Small())).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var memory = new ProcessMemory(app.ProcessId);
            var before = memory.RssMb();
            memory.ResetPeak();

            var jobs = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(() => PostJobAsync(http, app, flat))));
            await WaitForJobsAsync(http, app, jobs.OfType<string>().ToList());
            var frames = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(() => PostFrameAsync(http, app, flat))));
            var peak = memory.PeakMb();
            var after = await memory.SettledRssMb(before + MaxLeftOverMb, TimeSpan.FromSeconds(30));

            output.WriteLine($"RSS before {before} MB, peak {peak} MB (+{peak - before}), after {after} MB (+{after - before}); " +
                             $"jobs accepted {jobs.Count(j => j is not null)}/{Burst}, frames {string.Join(",", frames.Select(f => (int)f.StatusCode))}");
            Assert.All(frames, f => Assert.Contains(f.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
            Assert.Contains(jobs, j => j is not null);
            Assert.True(peak - before <= MaxPeakRiseMb, $"peak RSS rose by {peak - before} MB (before {before} MB, peak {peak} MB)");
            Assert.True(after - before <= MaxLeftOverMb, $"RSS stayed {after - before} MB above where it was (before {before} MB, after {after} MB)");
        }
        finally
        {
            await app.DisposeAsync();
            if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static byte[] Small() => StyleGallery.Engine.Imaging.ImageEncoder.Encode(TestImages.Gradient(96, 64), StyleGallery.Engine.Imaging.EncodedFormat.Png);

    internal static byte[] FlatPng(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(120, 50, 200));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A cookie-less optimisation of the picture at 64 px, 2 iterations; its id, or null when the app was busy (503).</summary>
    private static async Task<string?> PostJobAsync(HttpClient http, RunningApp app, byte[] png)
    {
        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent(png);
        photo.Headers.ContentType = new("image/png");
        form.Add(photo, "photo", "flat.png");
        form.Add(new StringContent("scream"), "style");
        form.Add(new StringContent("64"), "maxSide");
        form.Add(new StringContent("2"), "iterations");
        using var response = await http.PostAsync(app.BaseUrl + "/api/jobs", form);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return null;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/jobs answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostFrameAsync(HttpClient http, RunningApp app, byte[] png)
    {
        using var content = new ByteArrayContent(png);
        content.Headers.ContentType = new("image/png");
        var response = await http.PostAsync(app.BaseUrl + "/api/live/frames?style=udnie&size=320", content);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task WaitForJobsAsync(HttpClient http, RunningApp app, IReadOnlyList<string> ids)
    {
        foreach (var id in ids)
        {
            await Eventually.TrueAsync(async () =>
            {
                var json = JsonDocument.Parse(await http.GetStringAsync(app.BaseUrl + "/api/jobs/" + id)).RootElement;
                return json.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled";
            }, $"job {id} finishes", TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>A process's resident memory from /proc/{pid}/status; its peak can be reset through clear_refs.</summary>
    private sealed class ProcessMemory(int pid)
    {
        public long RssMb() => Read("VmRSS");

        public long PeakMb() => Read("VmHWM");

        /// <summary>Starts a new window for <see cref="PeakMb"/> at the present RSS (clear_refs 5).</summary>
        public void ResetPeak() => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

        /// <summary>The RSS once it is at most <paramref name="target"/>, or after <paramref name="wait"/> whatever it is.</summary>
        public async Task<long> SettledRssMb(long target, TimeSpan wait)
        {
            var until = DateTime.UtcNow + wait;
            while (RssMb() > target && DateTime.UtcNow < until) await Task.Delay(500);
            return RssMb();
        }

        private long Read(string field)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }
}
