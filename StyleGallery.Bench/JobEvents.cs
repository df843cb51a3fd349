using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Bench;

/// <summary>
/// When each followed job started and ended, as the web app's jobs hub tells them (pushed, not polled): connections
/// of at most 32 subscriptions each, the hub's limit per connection.
/// </summary>
internal sealed class JobEvents : IAsyncDisposable
{
    private const int PerConnection = 32;

    private readonly string _url;
    private readonly List<HubConnection> _connections = [];
    private readonly ConcurrentDictionary<string, TimeSpan> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _finished = new(StringComparer.Ordinal);
    private int _followed;

    /// <param name="webUrl">The web app (or web node) whose hub tells the jobs' states.</param>
    public JobEvents(string webUrl) => _url = webUrl + "/hubs/jobs";

    /// <summary>Subscribes to the job; its times are read from <paramref name="clock"/> when its updates arrive.</summary>
    public async Task FollowAsync(string id, Stopwatch clock)
    {
        if (_followed++ % PerConnection == 0)
        {
            var connection = new HubConnectionBuilder().WithUrl(_url).Build();
            connection.On<JsonElement>("progress", update => Record(update, clock.Elapsed));
            await connection.StartAsync();
            _connections.Add(connection);
        }
        if (await _connections[^1].InvokeAsync<JsonElement?>("Subscribe", id) is { } current) Record(current, clock.Elapsed);
    }

    public TimeSpan StartedAt(string id) => _started.TryGetValue(id, out var at) ? at : FinishedAt(id);

    public TimeSpan FinishedAt(string id) => _finished[id];

    public async Task AllFinishedAsync(IEnumerable<string> ids, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var all = ids.ToList();
        while (!all.All(_finished.ContainsKey))
        {
            if (clock.Elapsed > within) throw new TimeoutException($"{all.Count(id => !_finished.ContainsKey(id))} jobs did not finish");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    private void Record(JsonElement update, TimeSpan at)
    {
        var id = update.GetProperty("jobId").GetString()!;
        var status = update.GetProperty("status");
        var name = status.ValueKind == JsonValueKind.String ? status.GetString() : ((JobStatus)status.GetInt32()).ToString();
        if (name != "Queued") _started.TryAdd(id, at);
        if (name is "Succeeded" or "Failed" or "Cancelled") _finished.TryAdd(id, at);
    }
}
