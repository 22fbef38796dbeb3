using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Limits;

/// <summary>
/// The silo's request bounds over HTTP: one read and one write in flight, two watches. A request is held in
/// flight by a raw connection: a write whose body never finishes, a read whose large answer is never read.
/// </summary>
public sealed class RequestLimitTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private GatewayHost? _host;

    private GatewayHost Host => _host!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Gateway:MaxRequestsInFlight"] = "1",
        ["Gateway:MaxMutatingRequestsInFlight"] = "1",
        ["Gateway:MaxWatchers"] = "2",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task A_write_beyond_the_mutating_limit_gets_429_with_Retry_After_while_reads_still_pass()
    {
        const string ns = "limits-writes";
        var (held, refused) = await HoldAndProbeAsync(
            async () =>
            {
                // Headers and half of the body: the write is in flight until the body ends.
                var connection = await OpenAsync();
                var body = Encoding.UTF8.GetBytes(Objects.Pod(ns, "held").ToJsonString());
                await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST {Objects.PodsPath(ns)} HTTP/1.1\r\nHost: {Host.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
                await connection.GetStream().WriteAsync(body.AsMemory(0, body.Length / 2));
                return connection;
            },
            attempt => Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, $"probe-{attempt}")));
        using (held)
        {
            AssertTooManyRequests(refused, "Gateway:MaxMutatingRequestsInFlight");
            Assert.Equal(HttpStatusCode.OK, (await Host.Client.GetJsonAsync(Objects.PodsPath(ns))).Code);
        }

        // The held connection closed: its write left the pool.
        await Eventually(async () => (await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "after"))).Code == HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_read_beyond_the_read_limit_gets_429_while_writes_and_watches_still_pass()
    {
        const string ns = "limits-reads";
        // About 24 MiB of ConfigMaps: more than the loopback connection buffers, so an answer nobody reads stays in flight.
        var data = new string('x', 1024 * 1024);
        for (var i = 0; i < 24; i++)
        {
            var created = await Host.Client.PostJsonAsync($"/api/v1/namespaces/{ns}/configmaps", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = $"big-{i}", ["namespace"] = ns },
                ["data"] = new JsonObject { ["blob"] = data },
            });
            Assert.True(created.Code == HttpStatusCode.Created, created.ToString());
        }

        var (held, refused) = await HoldAndProbeAsync(
            async () =>
            {
                var connection = await OpenAsync();
                connection.ReceiveBufferSize = 4096;
                await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                    $"GET /api/v1/namespaces/{ns}/configmaps HTTP/1.1\r\nHost: {Host.Address.Authority}\r\n\r\n"));
                return connection;
            },
            _ => Host.Client.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps?limit=1"));
        using (held)
        {
            AssertTooManyRequests(refused, "Gateway:MaxRequestsInFlight");
            Assert.Equal(HttpStatusCode.Created, (await Host.Client.PostJsonAsync(Objects.PodsPath(ns), Objects.Pod(ns, "write"))).Code);
            await using var watch = await WatchClient.OpenAsync(Host.Client, $"{Objects.PodsPath(ns)}?watch=true");
            Assert.Equal(HttpStatusCode.OK, watch.Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Host.Client.GetAsync("/readyz")).StatusCode);
        }

        await Eventually(async () => (await Host.Client.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps?limit=1")).Code == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_watch_beyond_the_watcher_limit_gets_429_and_a_closed_watch_frees_its_place()
    {
        const string ns = "limits-watchers";
        var path = $"{Objects.PodsPath(ns)}?watch=true";
        await using var first = await WatchClient.OpenAsync(Host.Client, path);
        var second = await WatchClient.OpenAsync(Host.Client, path);
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);

        var third = await Host.Client.GetJsonAsync(path);
        AssertTooManyRequests(third, "Gateway:MaxWatchers");

        await second.DisposeAsync();
        await Eventually(async () =>
        {
            await using var again = await WatchClient.OpenAsync(Host.Client, path);
            return again.Response.StatusCode == HttpStatusCode.OK;
        });
    }

    private static void AssertTooManyRequests(Api.Answer answer, string setting)
    {
        Assert.True(answer.Code == HttpStatusCode.TooManyRequests, answer.ToString());
        Assert.Equal("TooManyRequests", answer.Reason);
        Assert.Equal("Status", answer.Body!["kind"]!.GetValue<string>());
        Assert.Contains(setting, answer.Message);
        Assert.Equal(1, answer.Body["details"]!["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal(TimeSpan.FromSeconds(1), answer.Response.Headers.RetryAfter!.Delta);
    }

    private async Task<TcpClient> OpenAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(Host.Address.Host, Host.Address.Port);
        return client;
    }

    // The held request reaches the server a moment after it was sent, so probes are sent until the limit refuses
    // one. A probe that gets there first takes the one place and the held request is refused instead, holding
    // nothing: then it is sent again.
    private static async Task<(TcpClient Held, Api.Answer Refused)> HoldAndProbeAsync(Func<Task<TcpClient>> sendHeld, Func<int, Task<Api.Answer>> probe)
    {
        var deadline = DateTime.UtcNow + Wait;
        var held = await sendHeld();
        for (var attempt = 0; ; attempt++)
        {
            var answer = await probe(attempt);
            if (answer.Code == HttpStatusCode.TooManyRequests || DateTime.UtcNow > deadline)
                return (held, answer);
            if (await WasRefusedAsync(held))
            {
                held.Dispose();
                held = await sendHeld();
            }
            await Task.Delay(50);
        }
    }

    // Reads the status line's start once the held request has been answered at all.
    private static async Task<bool> WasRefusedAsync(TcpClient held)
    {
        var start = new byte["HTTP/1.1 429".Length];
        if (held.Available < start.Length)
            return false;
        await held.GetStream().ReadExactlyAsync(start);
        return start.AsSpan().EndsWith("429"u8);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the limit did not free its place after the held request ended");
            await Task.Delay(100);
        }
    }
}
