using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Tests.Web.Print;

/// <summary>
/// The studio's print service on the real engine, through the contract: a print is a long job whose file is found by its
/// id and downloads from <see cref="PrintJobs.UrlOf"/>; a large one is a JPEG; refusals read as the visitor should read
/// them; a browser has its share of prints at a time.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PrintJobsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("printjobs-").FullName;
    private readonly StyleGalleryEngine _engine;

    public PrintJobsTests() => _engine = new StyleGalleryEngine(new EngineSettings
    {
        ModelsDirectory = Path.Combine(_root, "models"),
        MirrorDirectory = SharedData.Models,
        AllowDownloads = false,
    });

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private PrintJobs Service(long pngMaxPixels = 16_000_000, int maxPerOwner = 2, int maxTile = PrintRequest.DefaultMaxCore)
    {
        var web = new StyleGalleryWebOptions
        {
            DataDirectory = Path.Combine(_root, "data"), MaxConcurrentJobsPerOwner = maxPerOwner,
            Prints = new PrintSettings { PngMaxPixels = pngMaxPixels, MaxTile = maxTile },
        };
        return new PrintJobs(_engine, new OwnerLimits(web), web, NullLogger<PrintJobs>.Instance);
    }

    private static byte[] Photo(int width, int height) => ImageEncoder.Encode(TestImages.Gradient(width, height), EncodedFormat.Png);

    private static readonly FastStyleOptions Tiled = new() { Tile = 32 };

    [Fact]
    public async Task A_print_is_painted_as_a_long_job_into_a_file_that_downloads_by_its_id()
    {
        var prints = Service();

        var id = await prints.StartAsync(Photo(120, 80), "scream", Tiled, 96, "owner", CancellationToken.None);
        Assert.Null(prints.DownloadUrlOf(id)); // not before it is done
        var job = await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(id);

        Assert.Equal((JobStatus.Succeeded, JobKind.Print), (job.Status, job.Kind));
        Assert.Equal($"/prints/{id}.png", prints.DownloadUrlOf(id));
        var printed = ImageDecoder.Decode(await File.ReadAllBytesAsync(prints.Find(id)!));
        Assert.Equal((96, 64), (printed.Width, printed.Height));
        Assert.Null(prints.DownloadUrlOf("not-an-id"));
    }

    [Fact]
    public async Task A_print_over_the_png_limit_is_written_as_jpeg()
    {
        var prints = Service(pngMaxPixels: 1000);

        var id = await prints.StartAsync(Photo(64, 48), "scream", new FastStyleOptions(), 64, "owner", CancellationToken.None);
        await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(id);

        Assert.Equal($"/prints/{id}.jpg", prints.DownloadUrlOf(id));
        Assert.Equal([0xFF, 0xD8], (await File.ReadAllBytesAsync(prints.Find(id)!))[..2]);
    }

    [Fact]
    public async Task Refusals_reach_the_visitor_in_words_and_leave_no_file()
    {
        var prints = Service();
        async Task<string> Refusal(byte[] photo, string style, int side) =>
            (await Assert.ThrowsAsync<UserFacingException>(() => prints.StartAsync(photo, style, new FastStyleOptions(), side, "owner", CancellationToken.None))).Message;

        Assert.Contains("between 16 and 16384 pixels", await Refusal(Photo(64, 48), "scream", 20_000));
        Assert.Contains("100 megapixels", await Refusal(StyleGallery.Tests.Imaging.HandMadePng.Bomb(20_000, 10_000), "scream", 4096));
        Assert.Equal("The style 'no-such-style' does not exist.", await Refusal(Photo(64, 48), "no-such-style", 64));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "data", "prints")));
    }

    [Fact]
    public async Task A_browser_has_its_share_of_prints_on_their_way()
    {
        var prints = Service(maxPerOwner: 1);
        var first = await prints.StartAsync(Photo(640, 480), "scream", Tiled, 640, "alice", CancellationToken.None);

        var refusal = await Assert.ThrowsAsync<OwnerLimitException>(() => prints.StartAsync(Photo(64, 48), "scream", Tiled, 64, "alice", CancellationToken.None));

        Assert.Equal("You already have 1 print being painted; wait for one to finish or cancel it.", refusal.Message);
        Assert.True(await prints.CancelAsync(first, "alice"));
        Assert.Equal(JobStatus.Cancelled, (await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(first)).Status);
        Assert.Null(prints.Find(first));
    }

    /// <summary>
    /// A print's id is public (it is in the studio's link): only the browser that started it may stop it, after a restart
    /// too (a new service over the same folder); another browser, or none, is refused and the print goes on.
    /// </summary>
    [Fact]
    public async Task Only_the_browser_that_started_a_print_may_cancel_it()
    {
        var prints = Service();
        var id = await prints.StartAsync(Photo(640, 480), "scream", Tiled, 640, "alice-token-0000000000", CancellationToken.None);

        var byStranger = await prints.CancelAsync(id, "mallory-token-00000000");
        var byNobody = await prints.CancelAsync(id, null);
        var statusAfterRefusals = (await ((IStyleEngineClient)_engine).GetAsync(id))!.Status;
        var afterRestart = Service();
        var ownership = (afterRestart.IsOwner(id, "alice-token-0000000000"), afterRestart.IsOwner(id, "mallory-token-00000000"), afterRestart.IsOwner(id, null));
        var byOwner = await afterRestart.CancelAsync(id, "alice-token-0000000000");

        Assert.Equal((false, false, true), (byStranger, byNobody, byOwner));
        Assert.Contains(statusAfterRefusals, new[] { JobStatus.Queued, JobStatus.Running });
        Assert.Equal((true, false, false), ownership);
        Assert.Equal(JobStatus.Cancelled, (await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(id)).Status);
        Assert.False(await prints.CancelAsync("../../stylegallery", "alice-token-0000000000"));
    }

    [Fact]
    public async Task A_print_needs_the_owner_cookie_and_keeps_no_trace_of_the_token_itself()
    {
        var prints = Service();

        var refusal = await Assert.ThrowsAsync<UserFacingException>(() => prints.StartAsync(Photo(64, 48), "scream", Tiled, 64, null, CancellationToken.None));
        var id = await prints.StartAsync(Photo(64, 48), "scream", Tiled, 64, "alice-token-0000000000", CancellationToken.None);
        await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(id);

        Assert.Equal(PrintJobs.NeedsCookie, refusal.Message);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, "data", "prints")))
            Assert.DoesNotContain("alice-token", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    /// <summary>"My pictures" lists a browser's prints; only their owner deletes one (its job stops, its files go).</summary>
    [Fact]
    public async Task A_browser_lists_its_own_prints_and_only_it_deletes_one()
    {
        var prints = Service();
        var alices = await prints.StartAsync(Photo(64, 48), "scream", Tiled, 64, "alice-token-0000000000", CancellationToken.None);
        var bobs = await prints.StartAsync(Photo(64, 48), "scream", Tiled, 64, "bob-token-000000000000", CancellationToken.None);
        await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(alices);
        await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(bobs);

        var listed = prints.OwnedBy("alice-token-0000000000");
        var byBob = await prints.DeleteAsync(alices, "bob-token-000000000000");
        var stillThere = prints.Find(alices) is not null;
        var byAlice = await prints.DeleteAsync(alices, "alice-token-0000000000");

        var print = Assert.Single(listed);
        Assert.Equal((alices, $"/prints/{alices}.png"), (print.Id, print.DownloadUrl));
        Assert.True(print.Bytes > 0);
        Assert.Empty(prints.OwnedBy(null));
        Assert.Equal((false, true, true), (byBob, stillThere, byAlice));
        Assert.Null(prints.Find(alices));
        Assert.Empty(prints.OwnedBy("alice-token-0000000000"));
        Assert.False(prints.IsOwner(alices, "alice-token-0000000000"));
        Assert.NotNull(prints.Find(bobs));
    }

    /// <summary>Prints:MaxTile reaches the print: a 96 px print with a largest tile of 32 px is painted in tiles.</summary>
    [Fact]
    public async Task The_largest_tile_setting_reaches_the_print()
    {
        var prints = Service(maxTile: 32);
        var messages = new List<string>();
        _engine.Jobs.JobChanged += (_, e) =>
        {
            if (e.Job.Progress?.Message is { } message) lock (messages) messages.Add(message);
        };

        var id = await prints.StartAsync(Photo(120, 80), "scream", new FastStyleOptions(), 96, "alice-token-0000000000", CancellationToken.None);
        var job = await ((IStyleEngineClient)_engine).WaitUntilFinishedAsync(id);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        lock (messages) Assert.Contains(messages, m => m.StartsWith("Painting tile 2 of ", StringComparison.Ordinal));
    }
}
