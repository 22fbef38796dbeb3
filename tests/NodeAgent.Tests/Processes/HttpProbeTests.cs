using System.Net;
using System.Net.Sockets;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Tests.Processes;

public sealed class HttpProbeTests
{
    [Fact]
    public async Task Http_readiness_probe_follows_the_answers_of_the_endpoint()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var healthy = true;
        var serving = ServeAsync(listener, () => healthy ? 200 : 503);
        await using var pod = new ProcessPodHarness($$$"""
            {"containers":[{"name":"web","image":"busybox","command":["sleep","60"],
              "ports":[{"name":"http","containerPort":{{{port}}}}],
              "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":1,"failureThreshold":1}}]}
            """).Start();

        var ready = await pod.WaitForAsync(s => s.ContainersReady, "ready while the endpoint answers 200");
        Assert.True(ready.ContainerStatuses[0].Ready);

        healthy = false;
        var unready = await pod.WaitForAsync(s => pod.History.SkipWhile(h => h != ready).Contains(s) && s != ready && !s.ContainersReady, "unready once it answers 503");
        Assert.Equal(PodStatusSnapshot.Running, unready.Phase);

        listener.Stop();
        await serving;
    }

    private static async Task ServeAsync(HttpListener listener, Func<int> status)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            context.Response.StatusCode = status();
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
