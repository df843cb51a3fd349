using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Hubs;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Tests.Web;

/// <summary>
/// A real SignalR client on <c>/hubs/jobs</c>, through the in-process test server, following a tiny optimisation
/// started by the HTTP API. A gate job holds the engine while the client subscribes, so no update can slip by unseen.
/// The client reads <c>status</c> by name, as a script does.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class JobsHubTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    private const int Iterations = 5;

    [Fact]
    public async Task A_subscriber_sees_the_queue_then_each_iteration_then_success()
    {
        await using var hub = Connect();
        var progress = Channel.CreateUnbounded<JobUpdate>();
        hub.On<JobUpdate>(JobsHub.ProgressMessage, update => progress.Writer.TryWrite(update));
        await hub.StartAsync();
        using var gate = new GateJob();
        var engine = app.Services.GetRequiredService<StyleGalleryEngine>();
        engine.Jobs.Submit(gate);

        var id = await StartTinyJobAsync();
        var subscribed = await hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), id);
        gate.Open();
        var updates = await UntilFinishedAsync(progress.Reader);

        Assert.Equal((JobStatus.Queued, 1), (subscribed!.Status, subscribed.QueuePosition));
        var steps = updates.Select(u => u.Step).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.True(steps.Distinct().Count(s => s > 0) >= 2, $"Expected several iterations, got steps {string.Join(",", steps)}.");
        Assert.Equal((JobStatus.Succeeded, Iterations, Iterations), (updates[^1].Status, updates[^1].Step, updates[^1].TotalSteps));
        Assert.NotNull(updates[^1].Losses);
        Assert.All(updates, u => Assert.Equal(id, u.JobId));
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_job_answers_null_and_to_no_job_id_is_refused()
    {
        await using var hub = Connect();
        await hub.StartAsync();

        Assert.Null(await hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), JobIds.New()));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), "no-such-job"));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), new string('a', 30_000)));
    }

    [Fact]
    public async Task A_connection_follows_at_most_its_share_of_jobs_and_can_make_room()
    {
        await using var hub = Connect();
        await hub.StartAsync();
        var engine = app.Services.GetRequiredService<StyleGalleryEngine>();
        var ids = new List<string>();
        for (var i = 0; i <= JobsHub.MaxSubscriptions; i++)
        {
            var ticket = engine.Jobs.Submit(new Finished());
            await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            ids.Add(ticket.Id);
        }

        foreach (var id in ids.Take(JobsHub.MaxSubscriptions)) Assert.NotNull(await hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), id));
        Assert.NotNull(await hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), ids[0])); // the same job again takes no room
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), ids[^1]));
        await hub.InvokeAsync(nameof(JobsHub.Unsubscribe), ids[0]);

        Assert.Contains($"at most {JobsHub.MaxSubscriptions} jobs", refused.Message);
        Assert.NotNull(await hub.InvokeAsync<JobUpdate?>(nameof(JobsHub.Subscribe), ids[^1]));
    }

    /// <summary>A job that ends at once: something the engine knows, to subscribe to.</summary>
    private sealed class Finished : EngineJob<object?>
    {
        public override string Kind => "finished";

        public override string Description => "ends at once";

        public override object? Run(JobContext context) => null;
    }

    /// <summary>Long polling over the test server's own handler: no socket, no port.</summary>
    private HubConnection Connect() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, JobsHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    private async Task<string> StartTinyJobAsync()
    {
        using var client = app.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ImageEncoder.Encode(RgbImage.Filled(64, 48, 30, 90, 160), EncodedFormat.Png)), "photo", "photo.png" },
            { new StringContent("udnie"), "style" },
            { new StringContent("64"), "maxSide" },
            { new StringContent(Iterations.ToString(CultureInfo.InvariantCulture)), "iterations" },
        };
        var created = await client.PostAsync("/api/jobs", form);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private static async Task<List<JobUpdate>> UntilFinishedAsync(ChannelReader<JobUpdate> progress)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var updates = new List<JobUpdate>();
        while (updates.Count == 0 || !updates[^1].IsFinished) updates.Add(await progress.ReadAsync(timeout.Token));
        return updates;
    }

    private sealed record Created(string Id);

    /// <summary>Holds the engine's one worker until opened, so the job behind it waits in the queue.</summary>
    private sealed class GateJob : EngineJob<object?>, IDisposable
    {
        private readonly ManualResetEventSlim _open = new();

        public override string Kind => "gate";

        public override string Description => "holds the queue for a test";

        public void Open() => _open.Set();

        public override object? Run(JobContext context)
        {
            _open.Wait(context.Cancellation);
            return null;
        }

        public void Dispose()
        {
            _open.Set();
            _open.Dispose();
        }
    }
}
