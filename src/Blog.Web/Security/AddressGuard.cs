using System.Net;
using System.Net.Sockets;

namespace Blog.Web.Security;

/// <summary>
/// Every request the server makes to an address it was given (an import's images, a spam check): only public web
/// addresses are reached. The addresses a host name resolves to are checked at connect time (so DNS rebinding cannot
/// slip through), which keeps outside input from making the server probe its own admin, the loopback interface or the
/// private network.
/// </summary>
public static class AddressGuard
{
    /// <summary>A handler that connects only to public addresses (or to any, when <paramref name="allowPrivateAddresses"/>), through no proxy.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateAddresses, bool allowRedirects = true) => new()
    {
        UseProxy = false, // a proxy would hide the real destination from the check
        AllowAutoRedirect = allowRedirects,
        MaxAutomaticRedirections = 5,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, allowPrivateAddresses, cancellationToken),
    };

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 || b[0] >= 224 // "this network", private, loopback, multicast and reserved
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) // link-local, where cloud metadata services live
            || (b[0] == 100 && b[1] is >= 64 and <= 127); // carrier-grade NAT
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new RefusedAddressException($"{host} is a private or local address (tick “allow private addresses” to fetch from it)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A connection the guard refused: the address was private or local.</summary>
public sealed class RefusedAddressException(string message) : IOException(message);
