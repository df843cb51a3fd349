using System.Net;
using System.Net.Sockets;

namespace StyleGallery.Bench;

/// <summary>Ports for the servers the benchmarks start, on loopback only.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free on 127.0.0.1 now (the system's choice).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
