using System.Text.Json.Nodes;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Pods;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.NodeAgent.Tests.Api;

public sealed class PodStatusWriterTests
{
    [Fact]
    public async Task A_status_published_while_the_pods_previous_write_is_in_flight_goes_out_after_it()
    {
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;
        var inFlight = 0;
        var mostInFlight = 0;
        await using var api = await ApiServer.StartAsync(intercept: async (context, next) =>
        {
            if (!HttpMethods.IsPatch(context.Request.Method) || !context.Request.Path.Value!.EndsWith("/status", StringComparison.Ordinal))
            {
                await next();
                return;
            }
            var concurrent = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, concurrent);
            if (Interlocked.Increment(ref writes) == 1)
            {
                firstArrived.TrySetResult();
                await releaseFirst.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            await next();
            Interlocked.Decrement(ref inFlight);
        });
        var pod = await api.Client.CreateAsync(ApiObjects.Pod("ordered", "node-1", """{"containers":[{"name":"main","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        using var client = new KubeClient(new KubeClientOptions { Server = api.Address }, NullLogger<KubeClient>.Instance);
        var writer = new PodStatusWriter(client, concurrency: 16, _ => null, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);
        var podRef = PodRef.Of(pod);

        writer.Publish(podRef, new JsonObject { ["phase"] = "Pending" });
        await firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        writer.Publish(podRef, new JsonObject { ["phase"] = "Running" });
        await Task.Delay(200);
        releaseFirst.SetResult();
        await writer.WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running;

        var stored = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "ordered"));
        Assert.Equal("Running", stored!.Status!["phase"]!.GetValue<string>());
        Assert.Equal(2, writes);
        Assert.Equal(1, mostInFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
            current = Volatile.Read(ref target);
    }
}
