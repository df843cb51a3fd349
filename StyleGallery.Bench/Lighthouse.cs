using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace StyleGallery.Bench;

/// <summary>One Lighthouse run's numbers: category scores 0-100, times in ms, bytes on the wire.</summary>
internal sealed record LighthouseRun(
    string Page, string FormFactor, int Performance, int Accessibility, int BestPractices, int Seo,
    double Fcp, double Lcp, double Tbt, double Cls, long Bytes, double BenchmarkIndex, string Version, string Browser, string Report,
    IReadOnlyList<string> Failing)
{
    public static readonly string[] Categories = ["performance", "accessibility", "best-practices", "seo"];

    /// <summary>The numbers of a Lighthouse JSON report.</summary>
    public static LighthouseRun Parse(string page, string formFactor, string reportPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(reportPath));
        var root = json.RootElement;
        if (root.TryGetProperty("runtimeError", out var error) && error.ValueKind == JsonValueKind.Object)
            throw new InvalidOperationException($"Lighthouse: {error.GetProperty("message").GetString()}");
        var categories = root.GetProperty("categories");
        var audits = root.GetProperty("audits");
        int Score(string category) =>
            categories.GetProperty(category).GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? (int)Math.Round(s.GetDouble() * 100) : -1;
        double Value(string audit) =>
            audits.GetProperty(audit).TryGetProperty("numericValue", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
        return new LighthouseRun(page, formFactor, Score("performance"), Score("accessibility"), Score("best-practices"), Score("seo"),
            Value("first-contentful-paint"), Value("largest-contentful-paint"), Value("total-blocking-time"), Value("cumulative-layout-shift"),
            (long)Value("total-byte-weight"),
            root.GetProperty("environment").GetProperty("benchmarkIndex").GetDouble(),
            root.GetProperty("lighthouseVersion").GetString() ?? "?",
            root.GetProperty("environment").GetProperty("hostUserAgent").GetString()?.Split(' ').FirstOrDefault(p => p.StartsWith("HeadlessChrome/", StringComparison.Ordinal)) ?? "?",
            reportPath, FailingAudits(categories, audits));
    }

    /// <summary>Audits that count towards the accessibility, best-practices or SEO score (weight above 0) and did not pass.</summary>
    private static List<string> FailingAudits(JsonElement categories, JsonElement audits)
    {
        var failing = new List<string>();
        foreach (var category in Categories.Skip(1))
        {
            foreach (var reference in categories.GetProperty(category).GetProperty("auditRefs").EnumerateArray())
            {
                if (reference.GetProperty("weight").GetDouble() <= 0) continue;
                var id = reference.GetProperty("id").GetString()!;
                var audit = audits.GetProperty(id);
                if (audit.GetProperty("scoreDisplayMode").GetString() is not ("binary" or "numeric")) continue;
                if (audit.GetProperty("score") is { ValueKind: JsonValueKind.Number } score && score.GetDouble() < 1)
                    failing.Add($"{category}: {id}");
            }
        }
        return failing;
    }
}

/// <summary>The pinned Lighthouse (bench/web) run as a process, one fresh headless Chromium per run.</summary>
internal sealed class Lighthouse(WebBenchmarkOptions options, TextWriter log)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private string Tool => Path.GetFullPath(options.ToolDirectory);

    /// <summary><c>npm ci</c> in bench/web when its node_modules is missing (the lock pins every package).</summary>
    public async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Tool, "node_modules", ".bin", "lighthouse"))) return;
        log.WriteLine($"Installing the pinned Lighthouse (npm ci in {Tool}).");
        await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(10));
    }

    /// <summary>Audits <paramref name="url"/>; the JSON report is written to <paramref name="reportPath"/> and read back.</summary>
    public async Task<LighthouseRun> AuditAsync(string page, string url, string formFactor, string reportPath)
    {
        List<string> arguments =
        [
            url, "--output=json", $"--output-path={reportPath}", "--quiet",
            "--only-categories=" + string.Join(',', LighthouseRun.Categories),
            "--chrome-flags=--headless=new --no-sandbox",
        ];
        if (formFactor == "desktop") arguments.Add("--preset=desktop");
        await RunAsync(Path.Combine(Tool, "node_modules", ".bin", "lighthouse"), arguments, TimeSpan.FromMinutes(3));
        return LighthouseRun.Parse(page, formFactor, reportPath);
    }

    /// <summary>
    /// CSS coverage of the pages at a phone's and a desktop's viewport, merged per stylesheet (bench/web/css-coverage.mjs).
    /// </summary>
    public async Task<PageCoverage> CoverageAsync(string baseUrl, IEnumerable<string> paths)
    {
        var output = await RunAsync("node", [Path.Combine(Tool, "css-coverage.mjs"), baseUrl, .. paths], TimeSpan.FromMinutes(5));
        return JsonSerializer.Deserialize<PageCoverage>(output, s_json)
            ?? throw new InvalidOperationException("css-coverage.mjs printed nothing.");
    }

    private async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan within)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = Tool, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["CHROME_PATH"] = options.Chrome;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} took over {within.TotalMinutes:0} minutes.");
        }
        if (process.ExitCode != 0)
        {
            var errors = await stderr;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)} exited with {process.ExitCode}:\n{errors[^Math.Min(2000, errors.Length)..]}"));
        }
        return await stdout;
    }
}

/// <summary>What css-coverage.mjs measured: each stylesheet's use, and each page's largest contentful paint.</summary>
internal sealed record PageCoverage(IReadOnlyList<CssCoverage> Sheets, IReadOnlyList<LargestPaint> Lcp);

/// <summary>One stylesheet's size and the part of it any audited page used, raw and brotli-compressed (quality 11).</summary>
internal sealed record CssCoverage(string Url, long Bytes, long UsedBytes, long BrotliBytes, long UsedBrotliBytes);

/// <summary>A page's largest contentful paint at one viewport width (unthrottled): the element's start, its picture, when.</summary>
internal sealed record LargestPaint(string Path, int Width, string? Element, string? Url, double Size, double Time);
