using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Jobs;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Fast;

/// <summary>
/// The print job on its own and on the engine's queue, float32, with a small photo in small tiles: what it writes equals
/// the untiled picture, every tile is reported, a one-click picture runs between its tiles, a cancel stops it between
/// tiles, and a file that is there already is not painted again.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PrintJobTests : IDisposable
{
    private const int Core = 64;
    private static readonly FastStyleOptions Look = new() { Precision = ComputePrecision.Float32, Tile = Core };
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);
    private readonly FastStylizer _stylizer = new(SharedData.Fast, recentPictures: 0);
    private readonly string _folder = Directory.CreateTempSubdirectory("sg-print-").FullName;

    public void Dispose()
    {
        _stylizer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static byte[] Photo(int side) => ImageEncoder.Encode(TestPhotos.Load(SharedData.Content("tubingen.jpg"), side), EncodedFormat.Png);

    private PrintRequest Print(int side, FastStyleOptions? look = null, string name = "print.png") =>
        new(Photo(side), "udnie", look ?? Look, side, Path.Combine(_folder, name));

    [Fact]
    public void A_print_in_small_tiles_equals_the_untiled_picture_and_reports_every_tile()
    {
        var request = Print(160);
        var reports = new List<JobProgress>();

        var view = new PrintJob(_stylizer, request).Run(new JobContext(TorchRuntime.Detect(), onProgress: reports.Add));

        var printed = ImageDecoder.Decode(File.ReadAllBytes(request.Output));
        var photo = ImageDecoder.Decode(request.Photo);
        var whole = _stylizer.Stylize(photo, "udnie", Look with { Tile = null, MaxSide = 160 });
        Assert.Equal((whole.Width, whole.Height), (printed.Width, printed.Height));
        var mae = TestPhotos.MeanAbsoluteError(whole, printed);
        Assert.True(mae <= 1, $"print in {Core} px tiles vs the untiled picture: MAE {mae:F3} grey levels");
        var tiles = TilePlan.ForPicture(photo.Width, photo.Height, Look.EdgePadding, Core).Plan.Tiles.Count;
        Assert.True(tiles >= 4, $"{tiles} tiles");
        var painting = reports.Select(r => r.Message).Where(m => m?.StartsWith("Painting tile", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(Enumerable.Range(1, tiles).Select(k => $"Painting tile {k} of {tiles}"), painting);
        Assert.Equal(reports.Select(r => r.Step).Order(), reports.Select(r => r.Step));
        Assert.Equal("Done", reports[^1].Message);
        Assert.Equal((printed.Width, printed.Height), (view.Width, view.Height)); // under the screen size: the view is the print
    }

    [Fact]
    public void The_view_it_hands_back_is_at_screen_size_and_a_larger_print_than_the_photo_is_the_photos_size()
    {
        var request = Print(160) with { LongSide = 4096 };

        var view = new PrintJob(_stylizer, request).Run(new JobContext(TorchRuntime.Detect()));

        var printed = ImageDecoder.Decode(File.ReadAllBytes(request.Output));
        Assert.Equal(160, Math.Max(printed.Width, printed.Height)); // never enlarged
        Assert.True(Math.Max(view.Width, view.Height) <= PrintRequest.ScreenSide);
    }

    [Fact]
    public void A_file_already_written_is_not_painted_again()
    {
        var request = Print(96);
        ImageFiles.WriteAtomically(TestImages.Gradient(96, 72), request.Output, EncodedFormat.Png);
        var before = _stylizer.NetworkRuns;
        var reports = new List<JobProgress>();

        var view = new PrintJob(_stylizer, request).Run(new JobContext(TorchRuntime.Detect(), onProgress: reports.Add));

        Assert.Equal(before, _stylizer.NetworkRuns);
        Assert.Equal(0, TestPhotos.MeanAbsoluteError(TestImages.Gradient(96, 72), view));
        Assert.DoesNotContain(reports, r => r.Message?.StartsWith("Painting", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// A one-click picture asked for while a print is being painted comes back before the print is done: the engine runs
    /// it between two tiles. Were the print interactive itself (<paramref name="printInteractive"/>), the picture would
    /// wait for the whole print: the same test then sees the print finish first, so it can tell the two apart. A print
    /// whose look forces no tile and that would fit in memory whole (<paramref name="wholeLook"/>) is tiled all the same
    /// past <see cref="PrintRequest.MaxCore"/>² (128 px here), with its statistics in one tile run at a time, so the
    /// picture does not wait for it either, and is back while the statistics are measured; were it painted whole, it
    /// would finish before the picture is asked for, and with its statistics in lock-step it would report them all at once.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_one_click_picture_runs_between_the_tiles_of_a_running_print(bool printInteractive, bool wholeLook)
    {
        using var engine = EngineTestSupport.CreateEngine();
        var painting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waitFor = wholeLook ? "Measuring the whole picture: run 2 " : "Painting tile 2 ";
        engine.JobChanged += (_, e) =>
        {
            // Its end too: a print painted whole reports no tile, and the test then fails on its status, not a timeout.
            if (e.Job.Kind == "print" && (e.Job.IsFinished || e.Job.Progress?.Message?.StartsWith(waitFor, StringComparison.Ordinal) == true))
                painting.TrySetResult();
        };
        var request = wholeLook ? Print(320, Look with { Tile = null }) with { MaxCore = 128 } : Print(320, Look with { Tile = 32 });
        IEngineJob print = new PrintJob(_stylizer, request);
        if (printInteractive) print = new InteractiveJob(print);
        var printTicket = engine.Submit(print);
        await painting.Task.WaitAsync(Guard);

        var click = engine.Submit(new FastStyleJob(_stylizer, TestImages.Gradient(64, 48), "udnie", new FastStyleOptions { MaxSide = 64 }));
        var picture = await click.Completion.WaitAsync(Guard);
        var printWhenPictureCame = engine.Get(printTicket.Id)!.Status;
        var stepWhenPictureCame = engine.Get(printTicket.Id)!.Progress?.Message;

        Assert.Equal(JobStatus.Succeeded, picture.Status);
        Assert.Equal(printInteractive ? JobStatus.Succeeded : JobStatus.Running, printWhenPictureCame);
        if (wholeLook) Assert.StartsWith("Measuring the whole picture", stepWhenPictureCame, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Succeeded, (await printTicket.Completion.WaitAsync(Guard)).Status);
    }

    [Fact]
    public void A_print_up_to_its_largest_tile_is_painted_whole_and_a_larger_one_in_tiles_of_at_most_that()
    {
        var request = Print(96, Look with { Tile = null }) with { LongSide = 8192, MaxCore = 1024 };
        var tight = request with { Options = request.Options with { MemoryLimitMegabytes = 1000 } };
        var byMemory = TileSizing.CoreFor(8192, 8192, tight.PaintOptions);

        Assert.Equal((null, true), (PrintJob.OptionsFor(1024, 1024, request).Tile, PrintJob.OptionsFor(1024, 1024, request).ExactInLockStep));
        Assert.Equal((1024, false), (PrintJob.OptionsFor(2048, 1365, request).Tile, PrintJob.OptionsFor(2048, 1365, request).ExactInLockStep)); // fits in memory whole, tiled anyway
        var small = PrintJob.OptionsFor(320, 240, request with { MaxCore = 64 }); // its statistics would fit in lock-step
        Assert.Equal((64, false), (small.Tile, small.ExactInLockStep));
        Assert.Empty(SampleChoice.LockStep(320, 240, small));
        Assert.NotEmpty(SampleChoice.LockStep(320, 240, small with { ExactInLockStep = true }));
        Assert.InRange(byMemory, TilePlan.MinCore, 1023);
        Assert.Equal(byMemory, PrintJob.OptionsFor(8192, 8192, tight).Tile); // the memory limit's smaller tiles stay
        Assert.Equal(Core, PrintJob.OptionsFor(2048, 1365, request with { Options = Look }).Tile); // a forced tile stays
        Assert.Contains("largest tile", string.Join(" ", (request with { MaxCore = 8 }).Problems()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_stops_the_print_between_tiles_and_writes_nothing()
    {
        using var engine = EngineTestSupport.CreateEngine();
        var painting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.JobChanged += (_, e) =>
        {
            if (e.Job.Progress?.Message?.StartsWith("Painting tile", StringComparison.Ordinal) == true) painting.TrySetResult();
        };
        var request = Print(320, Look with { Tile = 32 });
        var ticket = engine.Submit(new PrintJob(_stylizer, request));
        await painting.Task.WaitAsync(Guard);

        Assert.True(engine.Cancel(ticket.Id));
        var ended = await ticket.Completion.WaitAsync(Guard);

        Assert.Equal(JobStatus.Cancelled, ended.Status);
        Assert.StartsWith("Painting tile", ended.Progress!.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(request.Output));
        Assert.Empty(Directory.EnumerateFiles(_folder));
    }

    /// <summary>The same job, claiming to be a one-click picture: the engine then never runs another between its steps.</summary>
    private sealed class InteractiveJob(IEngineJob inner) : IEngineJob
    {
        public string Kind => inner.Kind;
        public string Description => inner.Description;
        public bool Interactive => true;
        public object? Run(JobContext context) => inner.Run(context);
    }
}
