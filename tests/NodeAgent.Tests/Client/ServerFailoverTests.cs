using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Tests.Api;
using GitOps.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.NodeAgent.Tests.Client;

/// <summary>The client's rotation over several API servers, against real HTTP servers that fail in the ways silos do.</summary>
public sealed class ServerFailoverTests
{
    private static readonly ResourcePath Settings = new("", "v1", "configmaps", "default", "settings");

    [Fact]
    public async Task A_server_answering_503_hands_the_request_to_the_next_server_and_later_requests_stay_there()
    {
        await using var stopping = await StubServer.AnsweringAsync(503, StubServer.StoppingJson);
        await using var healthy = await StubServer.AnsweringAsync(200, StubServer.ConfigMapJson);
        var log = new RecordingLogger();
        using var loggers = log.Factory();
        using var client = new KubeClient(Options(stopping.Address, healthy.Address), loggers.CreateLogger<KubeClient>());

        var first = await client.GetAsync(Settings, CancellationToken.None);
        var second = await client.GetAsync(Settings, CancellationToken.None);

        Assert.True(first.IsSuccess, first.Error?.ToString());
        Assert.Equal(healthy.Address, first.Server);
        Assert.True(second.IsSuccess, second.Error?.ToString());
        Assert.Single(stopping.Requests);
        Assert.Equal(2, healthy.Requests.Count);
        Assert.Equal(healthy.Address, client.Server);
        Assert.Contains($"API server {stopping.Address} failed", log.ToString());
        Assert.Contains($"HTTP 503 the silo is stopping); moving to {healthy.Address}", log.ToString());
    }

    [Fact]
    public async Task A_server_refusing_connections_hands_the_request_to_the_next_server()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        await using var healthy = await StubServer.AnsweringAsync(200, StubServer.ConfigMapJson);
        var log = new RecordingLogger();
        using var loggers = log.Factory();
        using var client = new KubeClient(Options(closed, healthy.Address), loggers.CreateLogger<KubeClient>());

        var result = await client.GetAsync(Settings, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("settings", result.Object!.Metadata.Name);
        Assert.Equal(healthy.Address, client.Server);
        Assert.Contains($"moving to {healthy.Address}", log.ToString());
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_hands_the_request_to_the_next_server()
    {
        await using var hanging = await StubServer.StartAsync(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var healthy = await StubServer.AnsweringAsync(200, StubServer.ConfigMapJson);
        var options = Options(hanging.Address, healthy.Address);
        options.RequestTimeout = TimeSpan.FromMilliseconds(500);
        using var client = new KubeClient(options, NullLogger<KubeClient>.Instance);

        var result = await client.GetAsync(Settings, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(healthy.Address, result.Server);
        Assert.Single(hanging.Requests);
    }

    [Fact]
    public async Task When_every_server_fails_the_request_tries_each_in_turn_each_round_and_returns_the_failure()
    {
        var order = new List<string>();
        await using var a = await StubServer.AnsweringAsync(503, StubServer.StoppingJson, _ => Record(order, "a"));
        await using var b = await StubServer.AnsweringAsync(503, StubServer.StoppingJson, _ => Record(order, "b"));
        using var client = new KubeClient(Options(a.Address, b.Address), NullLogger<KubeClient>.Instance);

        var result = await client.GetAsync(Settings, CancellationToken.None);

        Assert.Equal(503, result.StatusCode);
        Assert.Equal("the silo is stopping", result.Error!.Message);
        Assert.Equal(["a", "b", "a", "b", "a", "b"], order);
    }

    [Fact]
    public async Task A_single_server_answering_503_is_retried_MaxAttempts_times_and_its_answer_returned()
    {
        await using var stopping = await StubServer.AnsweringAsync(503, StubServer.StoppingJson);
        var log = new RecordingLogger();
        using var loggers = log.Factory();
        using var client = new KubeClient(Options(stopping.Address), loggers.CreateLogger<KubeClient>());

        var result = await client.GetAsync(Settings, CancellationToken.None);

        Assert.Equal(503, result.StatusCode);
        Assert.Equal(3, stopping.Requests.Count);
        Assert.Equal(stopping.Address, client.Server);
        Assert.DoesNotContain("moving to", log.ToString());
    }

    [Fact]
    public async Task A_429_is_retried_on_the_same_server_without_moving()
    {
        var answered = 0;
        await using var throttling = await StubServer.StartAsync(async context =>
        {
            var tooMany = Interlocked.Increment(ref answered) == 1;
            context.Response.StatusCode = tooMany ? 429 : 200;
            await context.Response.WriteAsync(tooMany ? """{"kind":"Status","code":429,"reason":"TooManyRequests","message":"slow down"}""" : StubServer.ConfigMapJson);
        });
        await using var other = await StubServer.AnsweringAsync(200, StubServer.ConfigMapJson);
        using var client = new KubeClient(Options(throttling.Address, other.Address), NullLogger<KubeClient>.Instance);

        var result = await client.GetAsync(Settings, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(2, throttling.Requests.Count);
        Assert.Empty(other.Requests);
        Assert.Equal(throttling.Address, client.Server);
    }

    [Fact]
    public async Task A_watch_on_a_failing_server_moves_the_client_and_a_resourceVersion_of_the_old_server_is_answered_410()
    {
        await using var stopping = await StubServer.AnsweringAsync(503, StubServer.StoppingJson);
        await using var healthy = await StubServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"type":"ADDED","object":""" + StubServer.ConfigMapJson + "}\n");
        });
        using var client = new KubeClient(Options(stopping.Address, healthy.Address), NullLogger<KubeClient>.Instance);
        var collection = Settings.Collection;

        var failed = await ReadAllAsync(client.WatchAsync(collection, new ListOptions(ResourceVersion: "41"), stopping.Address, CancellationToken.None));
        var resumed = await ReadAllAsync(client.WatchAsync(collection, new ListOptions(ResourceVersion: "41"), stopping.Address, CancellationToken.None));
        var fresh = await ReadAllAsync(client.WatchAsync(collection, new ListOptions(ResourceVersion: "7"), healthy.Address, CancellationToken.None));

        Assert.Equal(503, ErrorCode(Assert.Single(failed)));
        Assert.Equal(healthy.Address, client.Server);
        Assert.Equal(410, ErrorCode(Assert.Single(resumed)));
        var added = Assert.Single(fresh);
        Assert.Equal(WatchEventType.Added, added.Type);
        Assert.Equal(["GET /api/v1/namespaces/default/configmaps?watch=true&resourceVersion=7"], healthy.Requests);
    }

    [Fact]
    public async Task A_watch_stream_ends_when_another_request_finds_its_server_failing()
    {
        await using var failing = await StubServer.StartAsync(async context =>
        {
            if (context.Request.Query["watch"] == "true")
            {
                // One event, then silence on an open connection: a silo that has not dropped its streams yet.
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"type":"ADDED","object":""" + StubServer.ConfigMapJson + "}\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
            }
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync(StubServer.StoppingJson);
        });
        await using var healthy = await StubServer.AnsweringAsync(200, StubServer.ConfigMapJson);
        using var client = new KubeClient(Options(failing.Address, healthy.Address), NullLogger<KubeClient>.Instance);
        await using var watch = client.WatchAsync(Settings.Collection, ListOptions.None, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WatchEventType.Added, watch.Current.Type);
        var next = watch.MoveNextAsync().AsTask();
        await Task.Delay(200);
        Assert.False(next.IsCompleted);

        var result = await client.GetAsync(Settings, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.False(await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(healthy.Address, client.Server);
    }

    private static KubeClientOptions Options(params Uri[] servers) => new()
    {
        Servers = servers,
        MaxAttempts = 3,
        RetryInitialDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    private static void Record(List<string> order, string server)
    {
        lock (order)
            order.Add(server);
    }

    private static int ErrorCode(WatchEvent watchEvent)
    {
        Assert.Equal(WatchEventType.Error, watchEvent.Type);
        return ApiStatus.From(0, watchEvent.Object.Root, "").Code;
    }

    private static async Task<List<WatchEvent>> ReadAllAsync(IAsyncEnumerable<WatchEvent> events)
    {
        var all = new List<WatchEvent>();
        await foreach (var watchEvent in events)
            all.Add(watchEvent);
        return all;
    }
}
