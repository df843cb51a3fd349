using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace StyleGallery.Tests.Models;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener on a free port) serving in-memory files, recording every request.
/// Range requests get 206 unless <see cref="IgnoreRange"/>; paths in <see cref="StallAfterBytes"/> send that many
/// bytes and then hang until the server is disposed (for cancellation tests).
/// </summary>
internal sealed partial class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalHttpServer()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public ConcurrentDictionary<string, int> StallAfterBytes { get; } = new();

    public bool IgnoreRange { get; set; }

    private long _bytesSent;

    /// <summary>Body bytes sent in full responses and ranges (stalled responses count what they sent).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>(path, Range header or null) of every request, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    public string Url(string path) => BaseUrl + path;

    public int GetCount(string path) => Requests.Count(r => r.Path == path);

    [GeneratedRegex(@"^bytes=(\d+)-$")]
    private static partial Regex OpenRange();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath.TrimStart('/');
        var range = context.Request.Headers["Range"];
        Requests.Enqueue((path, range));
        var response = context.Response;
        try
        {
            if (!Files.TryGetValue(path, out var body)) { response.StatusCode = 404; return; }
            var from = RangeStart(range, body.Length);
            if (from is { } start)
            {
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {start}-{body.Length - 1}/{body.Length}");
            }
            await SendAsync(response, body.AsMemory((int)(from ?? 0)), StallAfterBytes.GetValueOrDefault(path, -1));
        }
        catch (Exception) { /* the client went away: nothing to do in a test server */ }
        finally
        {
            try { response.Close(); } catch (Exception) { /* already aborted */ }
        }
    }

    private long? RangeStart(string? range, int length)
    {
        if (IgnoreRange || range is null) return null;
        var match = OpenRange().Match(range);
        return match.Success && long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) < length ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private async Task SendAsync(HttpListenerResponse response, ReadOnlyMemory<byte> body, int stallAfter)
    {
        response.ContentLength64 = body.Length;
        if (stallAfter < 0)
        {
            await response.OutputStream.WriteAsync(body);
            Interlocked.Add(ref _bytesSent, body.Length);
            return;
        }
        await response.OutputStream.WriteAsync(body[..stallAfter]);
        Interlocked.Add(ref _bytesSent, stallAfter);
        await response.OutputStream.FlushAsync();
        await Task.Delay(Timeout.Infinite, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { /* stopped */ }
    }
}
