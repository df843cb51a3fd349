using System.Net;
using System.Net.Sockets;

namespace StyleGallery.Web.Services.Limits;

/// <summary>
/// What a client without the owner cookie (a script) is counted by: its address, as forwarded headers from a known
/// proxy left it. An IPv6 client counts by its /64 network: one host is commonly given a whole /64 and could take a new
/// address for each request. The rate limits and the concurrent-job limits use the same key.
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(IPAddress? address)
    {
        if (address is null) return "address:unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "address:" + address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "address:" + new IPAddress(bytes) + "/64";
    }
}
