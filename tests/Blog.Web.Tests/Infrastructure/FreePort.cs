using System.Net;
using System.Net.Sockets;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// A port nothing listens on right now, for a server a test starts itself (Kestrel, smtp4dev, PostgreSQL, nginx).
/// Taken below Linux's ephemeral range (32768 and up), where the kernel also picks the local ports of the run's many
/// outgoing connections: a port from there could be in use by a connection by the time the server binds it. Each port
/// is handed out once per run.
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static int next = First + Random.Shared.Next(0, 6_000);

    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = Interlocked.Increment(ref next);
            if (port > Last)
            {
                Interlocked.CompareExchange(ref next, First, port);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // On every address: some servers (smtp4dev's SMTP) listen on all of them.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
