using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using StyleGallery.Bench.Servers;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>
/// Issue 25's web benchmark: the web app's Release build as a Production process on loopback (its own temporary data
/// folder, the gallery's models installed from ../shared), one picture made through the HTTP API so <c>/r/{id}</c>
/// exists, then the pinned Lighthouse (bench/web) three times per page as a phone and as a desktop; the medians, the
/// HTML's size with and without compression and how much of each stylesheet the pages use go to docs/benchmarks.md.
/// Measured, not asserted: the targets are reported as met or missed.
/// </summary>
internal static partial class WebBenchmark
{
    public static async Task<int> RunAsync(WebBenchmarkOptions options, TextWriter log)
    {
        var lighthouse = new Lighthouse(options, log);
        await lighthouse.InstallAsync();
        if (options.Build) await BuildWebAppAsync(log);
        var loadBefore = MachineInfo.LoadAverage();
        var data = Path.Combine(Path.GetTempPath(), "sg-bench-web-" + Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        await using var web = new NodeProcess("web app", "StyleGallery.Web", ["--urls", url], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["StyleGallery__DataDirectory"] = data,
            ["StyleGallery__Engine__MirrorDirectory"] = HostPaths.DevelopmentMirror() ?? throw new InvalidOperationException("No ../shared/models (or $STYLEGALLERY_SHARED)."),
            ["StyleGallery__Engine__PaintingMirrorDirectory"] = HostPaths.DevelopmentImages("styles") ?? "",
            ["StyleGallery__Engine__AllowDownloads"] = "false",
            // Every run comes from one address, dozens of page loads in a row: the limits are for visitors, not this.
            ["StyleGallery__RateLimits__Enabled"] = "false",
        });
        try
        {
            web.Start();
            await web.WaitForOutputAsync("Now listening on", TimeSpan.FromMinutes(2));
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2),
            };
            await WaitForStylesAsync(http, log);
            var id = await MakePictureAsync(http, options, log);
            var pages = options.Pages.Select(p => p.Replace("{id}", id, StringComparison.Ordinal)).ToList();
            foreach (var page in pages) await WarmAsync(http, page);
            var html = new List<HtmlSize>();
            foreach (var (page, label) in pages.Zip(options.Pages)) html.Add(await HtmlSizeAsync(http, page, label));

            var reports = Path.Combine(Path.GetFullPath(options.Reports), DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(reports);
            var runs = new List<LighthouseRun>();
            var clock = Stopwatch.StartNew();
            // Run by run over every page, so that a busy minute of the machine spreads over pages instead of hitting one.
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var formFactor in options.FormFactors)
                {
                    foreach (var (page, label) in pages.Zip(options.Pages))
                    {
                        var report = Path.Combine(reports, $"{Slug(label)}-{formFactor}-{run}.json");
                        var result = await lighthouse.AuditAsync(label, url + page, formFactor, report);
                        runs.Add(result);
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"[{clock.Elapsed:mm\\:ss}] {label} {formFactor} #{run}: performance {result.Performance}, accessibility {result.Accessibility}, best practices {result.BestPractices}, SEO {result.Seo}, LCP {result.Lcp / 1000:0.0} s, TBT {result.Tbt:0} ms"));
                    }
                }
            }
            var coverage = await lighthouse.CoverageAsync(url, pages);
            var loadAfter = MachineInfo.LoadAverage();
            var md = WebBenchmarkReport.Render(options, runs, html, coverage, (loadBefore, loadAfter), reports);
            MarkdownSections.Publish(options.Markdown, WebBenchmarkReport.Heading, md, log);
            return 0;
        }
        finally
        {
            await web.KillAsync();
            try
            {
                if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    internal static async Task BuildWebAppAsync(TextWriter log)
    {
        log.WriteLine("dotnet build StyleGallery.Web -c Release");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", "StyleGallery.Web", "-c", "Release", "-nologo", "-v", "q" }) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet build.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet build StyleGallery.Web failed:\n{await output}{await errors}");
    }

    /// <summary>Waits until the gallery lists its styles: the models are installed from the mirror.</summary>
    internal static async Task WaitForStylesAsync(HttpClient http, TextWriter log)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await http.GetStringAsync("/")).Split(" style-card\"").Length > 2) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        log.WriteLine("The web app did not list its styles within 3 minutes.");
        throw new TimeoutException("The gallery's models were not installed.");
    }

    /// <summary>
    /// A picture for <c>/r/{id}</c> through <c>POST /api/jobs</c> (the API makes optimisations; one-click fast pictures
    /// are made by the pages): a real photo, a gallery-sized side, a few iterations; followed until it has succeeded.
    /// </summary>
    private static async Task<string> MakePictureAsync(HttpClient http, WebBenchmarkOptions options, TextWriter log)
    {
        var photos = HostPaths.DevelopmentImages("content") ?? throw new InvalidOperationException("No ../shared/images/content.");
        var photo = Path.Combine(photos, "tubingen.jpg");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(photo)) { Headers = { ContentType = new("image/jpeg") } }, "photo", "tubingen.jpg" },
            { new StringContent(options.PictureStyle), "style" },
            { new StringContent(options.PictureSide.ToString(CultureInfo.InvariantCulture)), "maxSide" },
            { new StringContent(options.PictureIterations.ToString(CultureInfo.InvariantCulture)), "iterations" },
        };
        using var response = await http.PostAsync("/api/jobs", form);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < until)
        {
            var status = (await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("status").GetString();
            if (status == "Succeeded")
            {
                log.WriteLine($"Picture {id} made ({options.PictureStyle}, {options.PictureSide} px, {options.PictureIterations} iterations).");
                return id;
            }
            if (status is "Failed" or "Cancelled") throw new InvalidOperationException($"The picture's job ended {status}.");
            await Task.Delay(1000);
        }
        throw new TimeoutException("The picture was not made within 5 minutes.");
    }

    /// <summary>
    /// Loads a page and everything its HTML names once (thumbnails are made on their first request and kept), so the
    /// audits see the app as its visitors do after the first one, not its one-off work.
    /// </summary>
    private static async Task WarmAsync(HttpClient http, string page)
    {
        var html = await http.GetStringAsync(page);
        var pageUrl = new Uri(http.BaseAddress!, page);
        var urls = AssetReference().Matches(html)
            .SelectMany(m => m.Groups[1].Value.Split(','))
            .Select(u => new Uri(pageUrl, WebUtility.HtmlDecode(u.Trim().Split(' ')[0])))
            .Where(u => u.Authority == pageUrl.Authority && u.AbsolutePath != pageUrl.AbsolutePath)
            .Distinct();
        foreach (var asset in urls)
        {
            using var response = await http.GetAsync(asset);
        }
    }

    [GeneratedRegex("""(?:src|srcset|href)="([^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AssetReference();

    /// <summary>A page's prerendered HTML: as sent to a first visit and to a returning one (with its cookies), and compressed here.</summary>
    internal sealed record HtmlSize(string Page, long Raw, long GzipFastest, long GzipOptimal, long BrotliFastest, long BrotliOptimal,
        string FirstVisitEncoding, long FirstVisitBytes, string ReturningEncoding, long ReturningBytes);

    private static async Task<HtmlSize> HtmlSizeAsync(HttpClient http, string page, string label)
    {
        using var plain = new HttpRequestMessage(HttpMethod.Get, page) { Headers = { { "Accept-Encoding", "identity" } } };
        using var plainResponse = await http.SendAsync(plain);
        var raw = await plainResponse.Content.ReadAsByteArrayAsync();

        using var first = new HttpRequestMessage(HttpMethod.Get, page) { Headers = { { "Accept-Encoding", "br, gzip" } } };
        using var firstResponse = await http.SendAsync(first);
        var firstBytes = (await firstResponse.Content.ReadAsByteArrayAsync()).LongLength;
        var cookies = firstResponse.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";

        using var again = new HttpRequestMessage(HttpMethod.Get, page) { Headers = { { "Accept-Encoding", "br, gzip" } } };
        if (cookies.Length > 0) again.Headers.Add("Cookie", cookies);
        using var againResponse = await http.SendAsync(again);
        var againBytes = (await againResponse.Content.ReadAsByteArrayAsync()).LongLength;

        return new HtmlSize(label, raw.LongLength,
            Compressed(raw, s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)), Compressed(raw, s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true)),
            Compressed(raw, s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true)), Compressed(raw, s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true)),
            Encoding(firstResponse), firstBytes, Encoding(againResponse), againBytes);
    }

    private static string Encoding(HttpResponseMessage response) =>
        response.Content.Headers.ContentEncoding.FirstOrDefault() ?? "none";

    private static long Compressed(byte[] data, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output)) stream.Write(data);
        return output.Length;
    }

    private static string Slug(string page) => page == "/" ? "home" : page.Trim('/').Replace("/", "-", StringComparison.Ordinal).Replace("{id}", "id", StringComparison.Ordinal);

}
