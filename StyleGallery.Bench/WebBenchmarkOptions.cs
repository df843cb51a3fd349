namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench web</c>; every default lives here (issue 25's pages, runs and form factors).</summary>
public sealed record WebBenchmarkOptions
{
    /// <summary>Pages audited; <c>{id}</c> is the picture the benchmark makes through the API first.</summary>
    public IReadOnlyList<string> Pages { get; init; } = ["/", "/studio", "/r/{id}", "/live", "/explore", "/mine"];

    /// <summary>Lighthouse runs per page and form factor; the median of each number is reported.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Lighthouse's default (a phone, simulated slow 4G and 4× slower CPU) and its desktop preset.</summary>
    public IReadOnlyList<string> FormFactors { get; init; } = ["mobile", "desktop"];

    /// <summary>The pinned Lighthouse (bench/web/package.json and its lock), relative to the working directory.</summary>
    public string ToolDirectory { get; init; } = Path.Combine("bench", "web");

    public string Chrome { get; init; } = Environment.GetEnvironmentVariable("CHROME_PATH") is { Length: > 0 } chrome ? chrome : "/usr/bin/chromium";

    /// <summary>Where each run's Lighthouse JSON is kept (git-ignored), for reading its opportunities and diagnostics.</summary>
    public string Reports { get; init; } = Path.Combine("artifacts", "lighthouse");

    /// <summary>Whether to run <c>dotnet build StyleGallery.Web -c Release</c> first (the app is started from that build).</summary>
    public bool Build { get; init; } = true;

    /// <summary>The picture behind <c>/r/{id}</c>: a small optimisation of a real photo, as big as a gallery picture.</summary>
    public string PictureStyle { get; init; } = "udnie";

    public int PictureSide { get; init; } = 512;

    public int PictureIterations { get; init; } = 10;

    /// <summary>Where the section goes (<c>## Web pages (Lighthouse)</c>); null prints it only.</summary>
    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");
}
