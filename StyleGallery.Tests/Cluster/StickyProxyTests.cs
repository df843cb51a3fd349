using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StyleGallery.Proxy;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Cluster;

/// <summary>
/// The sticky proxy (StyleGallery.Proxy, built in-process by <see cref="ProxyApp.Build"/>) in front of two tiny
/// backends that answer with their name: a browser sticks to one node, moves when it dies, and WebSockets and the
/// forwarded headers pass through.
/// </summary>
public sealed class StickyProxyTests : IAsyncLifetime
{
    private readonly List<Backend> _backends = [];

    private WebApplication? _proxy;

    private Uri _proxyUri = null!;

    public async Task InitializeAsync()
    {
        _backends.Add(await Backend.StartAsync("node-a"));
        _backends.Add(await Backend.StartAsync("node-b"));
        _proxy = ProxyApp.Build([
            "--urls=http://127.0.0.1:0",
            $"--Proxy:Destinations:0={_backends[0].Url}",
            $"--Proxy:Destinations:1={_backends[1].Url}",
            "--Proxy:HealthCheckInterval=1",
            "--Logging:LogLevel:Default=None",
        ]);
        await _proxy.StartAsync();
        _proxyUri = new Uri(_proxy.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null) await _proxy.DisposeAsync();
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    [Fact]
    public async Task A_browser_with_the_affinity_cookie_always_reaches_the_same_node()
    {
        var (client, cookies) = NewBrowser();
        using var _ = client;

        var first = await client.GetAsync(new Uri(_proxyUri, "/who"));
        first.EnsureSuccessStatusCode();
        var node = await first.Content.ReadAsStringAsync();
        Assert.Contains(node, new[] { "node-a", "node-b" });
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ProxyApp.AffinityCookie + "=", StringComparison.Ordinal));
        Assert.NotNull(cookies.GetCookies(_proxyUri)[ProxyApp.AffinityCookie]);

        for (var i = 0; i < 20; i++) Assert.Equal(node, await client.GetStringAsync(new Uri(_proxyUri, "/who")));
    }

    [Fact]
    public async Task A_browser_whose_node_died_moves_to_a_live_node_within_seconds()
    {
        var (client, cookies) = NewBrowser();
        using var _ = client;
        var node = await client.GetStringAsync(new Uri(_proxyUri, "/who"));
        var cookie = cookies.GetCookies(_proxyUri)[ProxyApp.AffinityCookie]!.Value;

        await _backends.Single(b => b.Name == node).StopAsync();
        var other = _backends.Single(b => b.Name != node).Name;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.UntilAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri(_proxyUri, "/who"));
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"{(int)response.StatusCode} {response.StatusCode}";
        }, answer => answer == other, $"the browser stuck to {node} reaches {other}", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"Took {clock.Elapsed.TotalSeconds:0.0} s to move.");

        Assert.NotEqual(cookie, cookies.GetCookies(_proxyUri)[ProxyApp.AffinityCookie]!.Value);
        for (var i = 0; i < 10; i++) Assert.Equal(other, await client.GetStringAsync(new Uri(_proxyUri, "/who")));
    }

    [Fact]
    public async Task A_WebSocket_through_the_proxy_echoes()
    {
        using var socket = new ClientWebSocket();
        var wsUri = new UriBuilder(new Uri(_proxyUri, "/ws")) { Scheme = "ws" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(wsUri, timeout.Token);

        foreach (var text in new[] { "hello", "again" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            var buffer = new byte[256];
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(text, Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact]
    public async Task The_node_sees_the_forwarded_headers_and_the_proxy_answers_its_own_health_check()
    {
        var (client, _) = NewBrowser();
        using var _ = client;

        var forwarded = await client.GetStringAsync(new Uri(_proxyUri, "/forwarded"));

        Assert.Equal($"for=127.0.0.1 proto=http host={_proxyUri.Authority}", forwarded);
        using var health = await client.GetAsync(new Uri(_proxyUri, ProxyApp.HealthPath));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static (HttpClient Client, CookieContainer Cookies) NewBrowser()
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(30) }, cookies);
    }

    /// <summary>A stand-in web node: its name on <c>/who</c>, 200 on <c>/healthz</c>, a WebSocket echo on <c>/ws</c>.</summary>
    private sealed class Backend : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Backend(string name, WebApplication app) => (Name, _app) = (name, app);

        public string Name { get; }

        public string Url => _app.Urls.Single();

        public static async Task<Backend> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.UseWebSockets();
            app.MapGet("/healthz", () => "Healthy");
            app.MapGet("/who", () => name);
            app.MapGet("/forwarded", (HttpRequest request) =>
                $"for={request.Headers["X-Forwarded-For"]} proto={request.Headers["X-Forwarded-Proto"]} host={request.Headers["X-Forwarded-Host"]}");
            app.Map("/ws", EchoAsync);
            await app.StartAsync();
            return new Backend(name, app);
        }

        public Task StopAsync() => _app.StopAsync();

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private static async Task EchoAsync(HttpContext context)
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                    return;
                }
                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
            }
        }
    }
}
