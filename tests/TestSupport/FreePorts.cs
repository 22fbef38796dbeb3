using System.Net;
using System.Net.Sockets;

namespace GitOps.TestSupport;

/// <summary>TCP ports nothing listens on now, so silos of parallel tests never collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
