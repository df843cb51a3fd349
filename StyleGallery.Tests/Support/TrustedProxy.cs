using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace StyleGallery.Tests.Support;

/// <summary>
/// The app as production runs it behind a TLS proxy: every request comes from <see cref="Address"/>, a configured known
/// proxy, which names the client in X-Forwarded-For. Tests pick each client's address that way.
/// </summary>
internal static class TrustedProxy
{
    public const string Address = "10.0.0.5";

    public static WebApplicationFactory<Program> BehindProxy(this WebApplicationFactory<Program> app, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting("StyleGallery:KnownProxies:0", Address);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ConnectionFromProxy()));
        });

    /// <summary>The request as the proxy forwards it for a client at <paramref name="client"/>.</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, string client)
    {
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }

    private sealed class ConnectionFromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Address);
                return following(context);
            });
            next(builder);
        };
    }
}
