using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Pictures;
using StyleGallery.Web.Services.Print;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web.Data;

/// <summary>A bunit context over a real temporary database and data folder, with no engine: jobs and styles are fakes.</summary>
public abstract class DataPage : BunitPage
{
    public const string Me = "me-owner-token-0000000";

    protected DataPage()
    {
        Services.AddSingleton(Data.Options);
        Services.AddSingleton(Data.Pictures);
        Services.AddSingleton(Data.UserStyles);
        Services.AddSingleton(Data.Files);
        Services.AddSingleton(Data.Results);
        Services.AddSingleton<UserPaintingFiles>();
        Services.AddSingleton<UserStyleService>();
        Services.AddSingleton(new TrainedStyleService(Data.TrainedStyles, Engine.Client));
        Services.AddSingleton<PictureOwnership>();
        Services.AddSingleton<IStudioJobs>(Studio);
        Services.AddSingleton<IPrintJobs>(Prints);
        Services.AddSingleton<IJobNotifications>(new NoLiveJobs());
        Services.AddSingleton<IStyleLibrary>(new TwoStyles());
        Services.AddSingleton(Owner);
        Services.AddSingleton(Storage);
        Services.AddSingleton<IFreeSpaceProbe, DriveFreeSpaceProbe>();
        Services.AddSingleton(new RequestLimitSettings());
        Services.AddSingleton<DiskSpaceGuard>();
        Services.AddSingleton<StorageQuota>();
    }

    protected TestDataFolder Data { get; } = new();

    /// <summary>The storage limits the pages show; a test may replace them before it renders.</summary>
    protected StorageSettings Storage { get; } = new();

    protected BrowserOwner Owner { get; } = new() { Token = Me };

    protected RecordingStudio Studio { get; } = new();

    /// <summary>Prints the studio starts.</summary>
    protected FakePrintJobs Prints { get; } = new();

    /// <summary>The engine's trained styles, as far as the pages ask about them.</summary>
    protected TrainedStylesEngine Engine { get; } = TrainedStylesEngine.Create();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Data.Dispose();
    }

    protected sealed class RecordingStudio : IStudioJobs
    {
        public List<string> Cancelled { get; } = [];

        public Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default)
        {
            Cancelled.Add(jobId);
            return Task.FromResult(true);
        }

        public List<string> Deleted { get; } = [];

        public Task DeleteAsync(string jobId, CancellationToken cancellationToken = default)
        {
            Deleted.Add(jobId);
            return Task.CompletedTask;
        }
    }

    private sealed class NoLiveJobs : IJobNotifications
    {
        public Task<JobUpdate?> CurrentAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult<JobUpdate?>(null);

        public IDisposable Subscribe(string? jobId, Func<JobUpdate, Task> handler) => new Nothing();

        private sealed class Nothing : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }

    private sealed class TwoStyles : IStyleLibrary
    {
        public IReadOnlyList<StyleSummary> InstalledStyles() =>
        [
            new("udnie", "Udnie", "Francis Picabia", "1913", "Research use only", true, "/paintings/udnie"),
            new("wave", "The Great Wave", "Hokusai", "c. 1831", "Research use only", true, "/paintings/wave"),
        ];
    }
}
