using System.Net;
using System.Net.Sockets;

namespace GitOps.TestSupport;

/// <summary>
/// TCP ports nothing listens on now, so silos of parallel tests never collide. They come from below the kernel's
/// ephemeral range (32768 and up on Linux): a port the kernel hands out (port 0) is soon handed out again, to another
/// caller or to an outgoing connection, before the server it was meant for binds it. Each process walks the range
/// from its own starting point and never hands out a port twice.
/// </summary>
public static class FreePorts
{
    private const int First = 10_000;
    private const int Count = 22_000;
    private static int _next = Environment.ProcessId * 7_919 % Count;

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
                return port;
        }
        throw new InvalidOperationException($"No free TCP port on 127.0.0.1 between {First} and {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
