using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StyleGallery.Bench;

/// <summary>Renders <see cref="WebBenchmark"/>'s measurements as the "Web pages (Lighthouse)" section of docs/benchmarks.md.</summary>
internal static class WebBenchmarkReport
{
    public const string Heading = "## Web pages (Lighthouse)";

    private const int TargetMobilePerformance = 90;
    private const double TargetHomeMobileLcpMs = 2500;

    public static string Render(WebBenchmarkOptions o, IReadOnlyList<LighthouseRun> runs, IReadOnlyList<WebBenchmark.HtmlSize> html,
        PageCoverage coverage, (double Before, double After) load, string reports)
    {
        var md = new StringBuilder();
        md.AppendLine(Heading).AppendLine();
        var first = runs[0];
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench web` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores), " +
            $"Lighthouse {first.Version} (`bench/web`, pinned) driving {first.Browser} (`{o.Chrome}`, headless, a fresh profile per run), app and browser on one machine over loopback. " +
            $"The app: StyleGallery.Web's Release build as a Production process, models and paintings installed from `../shared`, rate limits off " +
            $"(every run comes from one address); `/r/{{id}}` is a picture made through `POST /api/jobs` ({o.PictureStyle}, {o.PictureSide} px, " +
            $"{o.PictureIterations} iterations); `/mine` and `/explore` are as a first visit sees them (nothing made from that browser, nothing published). " +
            $"Each page was loaded once before the runs (thumbnails are made on their first request). {o.Runs} runs per page and form factor, " +
            $"run by run over every page; each number is the median of its runs. *Mobile* is Lighthouse's default (a Moto G Power: " +
            $"simulated slow 4G, 150 ms RTT, 1.6 Mbit/s, 4× CPU slowdown), *desktop* its `--preset=desktop`.");
        md.AppendLine();
        var index = Median(runs.Select(r => r.BenchmarkIndex));
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: 1-minute load average {load.Before:0.0} before the runs and {load.After:0.0} after (2 = both cores busy; other work shares this machine); " +
            $"Lighthouse's CPU benchmark index, median {index:0}{(index < 1000 ? " (under 1000: Lighthouse warns that the CPU is slower than it expects, which inflates simulated TBT and the performance score's loss)" : "")}. " +
            $"Scores move by several points between runs on a shared 2-core VM; rerun on an idle machine before trusting one.");
        md.AppendLine();

        md.AppendLine("| page | form factor | performance | accessibility | best practices | SEO | FCP s | LCP s | TBT ms | CLS | KB transferred |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var medians = new List<(string Page, string FormFactor, double Performance, double A11y, double Bp, double Seo, double Lcp)>();
        foreach (var group in runs.GroupBy(r => (r.FormFactor, r.Page)).OrderBy(g => g.Key.FormFactor == "mobile" ? 0 : 1))
        {
            var g = group.ToList();
            var m = (Page: group.Key.Page, group.Key.FormFactor, Median(g.Select(r => (double)r.Performance)), Median(g.Select(r => (double)r.Accessibility)),
                Median(g.Select(r => (double)r.BestPractices)), Median(g.Select(r => (double)r.Seo)), Median(g.Select(r => r.Lcp)));
            medians.Add(m);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| `{m.Page}` | {m.FormFactor} | {m.Item3:0} | {m.Item4:0} | {m.Item5:0} | {m.Item6:0} | {Median(g.Select(r => r.Fcp)) / 1000:0.0} | " +
                $"{m.Item7 / 1000:0.0} | {Median(g.Select(r => r.Tbt)):0} | {Median(g.Select(r => r.Cls)):0.000} | {Median(g.Select(r => (double)r.Bytes)) / 1024:0} |");
        }
        md.AppendLine();
        AppendTargets(md, medians);
        AppendFailing(md, runs);
        AppendHtml(md, html);
        AppendCoverage(md, coverage);
        AppendHomeDiagnostics(md, runs);
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Every run's Lighthouse JSON is kept in `{Path.GetRelativePath(Directory.GetCurrentDirectory(), reports)}` (git-ignored; open one in the Lighthouse viewer). " +
            $"What these numbers decided (MudBlazor's stylesheet, compressing the HTML): [web-performance.md](web-performance.md).");
        return md.ToString();
    }

    private static void AppendTargets(StringBuilder md, List<(string Page, string FormFactor, double Performance, double A11y, double Bp, double Seo, double Lcp)> medians)
    {
        var mobile = medians.Where(m => m.FormFactor == "mobile").ToList();
        var slow = mobile.Where(m => m.Performance < TargetMobilePerformance).Select(m => $"`{m.Page}` {m.Performance:0}").ToList();
        string Hundred(Func<(string Page, string FormFactor, double Performance, double A11y, double Bp, double Seo, double Lcp), double> score)
        {
            var below = medians.Where(m => score(m) < 100).Select(m => $"`{m.Page}` {m.FormFactor} {score(m):0}").ToList();
            return below.Count == 0 ? "met on every page, both form factors" : "**missed**: " + string.Join(", ", below);
        }
        md.AppendLine("Targets (issue 25), on the medians:");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- mobile performance ≥ {TargetMobilePerformance} on every page: {(slow.Count == 0 ? "met" : "**missed** on " + string.Join(", ", slow))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- accessibility 100: {Hundred(m => m.A11y)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- best practices 100: {Hundred(m => m.Bp)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- SEO 100: {Hundred(m => m.Seo)}");
        var home = mobile.FirstOrDefault(m => m.Page == "/");
        if (home.Page is not null)
            md.AppendLine(CultureInfo.InvariantCulture, $"- mobile LCP ≤ 2.5 s on `/`: {(home.Lcp <= TargetHomeMobileLcpMs ? "met" : "**missed**")} ({home.Lcp / 1000:0.00} s)");
        md.AppendLine();
    }

    private static void AppendFailing(StringBuilder md, IReadOnlyList<LighthouseRun> runs)
    {
        var failing = runs.SelectMany(r => r.Failing.Select(f => (r.Page, r.FormFactor, Audit: f)))
            .GroupBy(f => f).Select(g => $"`{g.Key.Page}` {g.Key.FormFactor}: {g.Key.Audit} ({g.Count()} of the runs)").ToList();
        if (failing.Count == 0) return;
        md.AppendLine("Audits that cost accessibility, best-practices or SEO points: " + string.Join("; ", failing) + ".");
        md.AppendLine();
    }

    private static void AppendHtml(StringBuilder md, IReadOnlyList<WebBenchmark.HtmlSize> html)
    {
        md.AppendLine("The prerendered HTML (bytes of the body; compressed here with .NET's gzip and Brotli at `Fastest`, what response " +
            "compression uses by default, and `Optimal`; *sent* is what the app answered to `Accept-Encoding: br, gzip`, to a first visit " +
            "without cookies and again with the cookies that answer set):");
        md.AppendLine();
        md.AppendLine("| page | raw | gzip fastest | gzip optimal | br fastest | br optimal | sent, first visit | sent, with cookies |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var h in html)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| `{h.Page}` | {h.Raw:N0} | {h.GzipFastest:N0} | {h.GzipOptimal:N0} | {h.BrotliFastest:N0} | {h.BrotliOptimal:N0} | {h.FirstVisitBytes:N0} ({h.FirstVisitEncoding}) | {h.ReturningBytes:N0} ({h.ReturningEncoding}) |");
        md.AppendLine();
    }

    private static void AppendCoverage(StringBuilder md, PageCoverage coverage)
    {
        md.AppendLine("How much of each stylesheet the audited pages use (`bench/web/css-coverage.mjs`: Chromium's CSS coverage of every page at 412 px " +
            "and 1350 px wide, merged; pages loaded, not clicked, so rules for dialogs, menus, popovers and messages count as unused):");
        md.AppendLine();
        md.AppendLine("| stylesheet | bytes | used | used % | br (q11) | br of the used rules |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var sheet in coverage.Sheets.Where(s => s.Url.EndsWith(".css", StringComparison.Ordinal)).OrderByDescending(s => s.Bytes))
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| `{new Uri(sheet.Url).AbsolutePath}` | {sheet.Bytes:N0} | {sheet.UsedBytes:N0} | {100.0 * sheet.UsedBytes / Math.Max(1, sheet.Bytes):0.0} | {sheet.BrotliBytes:N0} | {sheet.UsedBrotliBytes:N0} |");
        md.AppendLine();
        md.AppendLine("Largest contentful paint element of each page (Chromium's `PerformanceObserver`, unthrottled; Lighthouse 12.2.3's own " +
            "LCP-element and render-blocking audits fail on this Chromium's traces):");
        md.AppendLine();
        md.AppendLine("| page | width px | element | painted at ms (unthrottled) |");
        md.AppendLine("|---|---:|---|---:|");
        foreach (var lcp in coverage.Lcp.OrderBy(l => l.Width))
        {
            var element = (lcp.Element ?? "").Split('\n')[0];
            var what = lcp.Url is { Length: > 0 } u ? $"picture `{new Uri(u).AbsolutePath}`" : $"`{(element.Length > 70 ? element[..70] + "…" : element).Replace("|", "\\|", StringComparison.Ordinal)}`";
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{lcp.Path}` | {lcp.Width} | {what} | {lcp.Time:0} |");
        }
        md.AppendLine();
    }

    /// <summary>The top opportunities and diagnostics of <c>/</c> on a phone, from the run with the median performance score.</summary>
    private static void AppendHomeDiagnostics(StringBuilder md, IReadOnlyList<LighthouseRun> runs)
    {
        var home = runs.Where(r => r.Page == "/" && r.FormFactor == "mobile").OrderBy(r => r.Performance).ToList();
        if (home.Count == 0) return;
        var run = home[home.Count / 2];
        using var json = JsonDocument.Parse(File.ReadAllBytes(run.Report));
        var audits = json.RootElement.GetProperty("audits");
        md.AppendLine(CultureInfo.InvariantCulture, $"What `/` costs on a phone (the median run, performance {run.Performance}, `{Path.GetFileName(run.Report)}`):");
        md.AppendLine();
        var opportunities = audits.EnumerateObject()
            .Where(a => a.Value.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("type", out var t) && t.GetString() == "opportunity"
                && a.Value.TryGetProperty("numericValue", out var v) && v.GetDouble() > 0)
            .OrderByDescending(a => a.Value.GetProperty("numericValue").GetDouble());
        foreach (var audit in opportunities)
        {
            var items = audit.Value.GetProperty("details").GetProperty("items").EnumerateArray().Take(2)
                .Select(i => i.TryGetProperty("url", out var u) ? $"`{Short(u.GetString())}`" + (i.TryGetProperty("wastedBytes", out var w) ? $" {w.GetDouble() / 1024:0} KiB" : "") : "");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {audit.Value.GetProperty("title").GetString()}: {audit.Value.GetProperty("displayValue").GetString()}, est. {audit.Value.GetProperty("numericValue").GetDouble():0} ms ({string.Join(", ", items)})");
        }
        if (Items(audits, "bootup-time") is { } bootup)
            md.AppendLine("- JavaScript execution: " + string.Join(", ", bootup.Take(3).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"`{Short(i.GetProperty("url").GetString())}` {i.GetProperty("total").GetDouble():0} ms"))));
        if (Items(audits, "mainthread-work-breakdown") is { } main)
            md.AppendLine("- Main thread: " + string.Join(", ", main.Take(4).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"{i.GetProperty("groupLabel").GetString()} {i.GetProperty("duration").GetDouble():0} ms"))));
        if (Items(audits, "long-tasks") is { } tasks)
            md.AppendLine("- Long tasks (TBT's source): " + string.Join(", ", tasks.OrderByDescending(i => i.GetProperty("duration").GetDouble()).Take(3).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"`{Short(i.GetProperty("url").GetString())}` {i.GetProperty("duration").GetDouble():0} ms"))));
        if (Items(audits, "network-requests") is { } requests)
        {
            var document = requests.First();
            var sheets = requests.Where(r => r.GetProperty("resourceType").GetString() == "Stylesheet").ToList();
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- The document: {document.GetProperty("transferSize").GetDouble():N0} bytes on the wire ({document.GetProperty("resourceSize").GetDouble():N0} decoded); " +
                $"the stylesheets the `<head>` links (render-blocking): {string.Join(", ", sheets.Select(s => $"`{Short(s.GetProperty("url").GetString())}` {s.GetProperty("transferSize").GetDouble():N0}"))}"));
        }
        md.AppendLine();
    }

    private static List<JsonElement>? Items(JsonElement audits, string id) =>
        audits.TryGetProperty(id, out var audit) && audit.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("items", out var items) ? items.EnumerateArray().ToList() : null;

    private static string Short(string? url) => url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u) ? url ?? "" : u.AbsolutePath;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
