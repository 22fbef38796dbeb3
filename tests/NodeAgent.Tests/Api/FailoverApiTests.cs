using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Simulated;

namespace GitOps.NodeAgent.Tests.Api;

/// <summary>
/// An agent given two API servers, when the one it talks to stops. The two servers here are two
/// separate clusters (each its own silo and memory store), so the agent must register its node
/// again on the second and list its pods there: nothing it wrote to the first carries over.
/// </summary>
public sealed class FailoverApiTests
{
    private const string NodeName = "fo-1";
    private const string BusyBox = """{"containers":[{"name":"c","image":"busybox"}]}""";

    [Fact]
    public async Task Agent_moves_to_the_second_server_when_the_first_stops_and_registers_heartbeats_and_reports_pods_there()
    {
        var first = await ApiServer.StartAsync();
        var firstStopped = false;
        try
        {
            await using var second = await ApiServer.StartAsync();
            var log = new RecordingLogger();
            using var loggers = log.Factory();
            await using var fleet = new SimulatedFleet(Options(first.Address, second.Address), TimeProvider.System, loggers);
            await fleet.StartAsync(CancellationToken.None);
            Task<string> Diagnose() => Task.FromResult(log.ToString());

            // While the first server runs, everything goes there.
            var registered = (await first.Client.GetOrNullAsync(ResourcePath.Node(NodeName)))!;
            Assert.Equal("True", registered.Condition("Ready"));
            await first.Client.CreateAsync(ApiObjects.Pod("before", NodeName, BusyBox), ResourcePath.Pods("default"));
            await Eventually.GetAsync(async () =>
            {
                var pod = await first.Client.GetOrNullAsync(ResourcePath.Pod("default", "before"));
                return pod?.Phase() == "Running" ? pod : null;
            }, "the pod on the first server Running", diagnose: Diagnose);
            Assert.Null(await second.Client.GetOrNullAsync(ResourcePath.Node(NodeName)));

            await first.DisposeAsync();
            firstStopped = true;

            var node = await Eventually.GetAsync(async () =>
            {
                var current = await second.Client.GetOrNullAsync(ResourcePath.Node(NodeName));
                return current?.Condition("Ready") == "True" ? current : null;
            }, "the node registered and Ready on the second server", diagnose: Diagnose);
            Assert.Equal("8", node.Status!["capacity"]!["cpu"]!.GetValue<string>());

            // It keeps heartbeating there: the lease is renewed, owned by the node registered there.
            var lease = await Eventually.GetAsync(async () =>
            {
                var current = await second.Client.GetOrNullAsync(ResourcePath.Lease(NodeObjects.LeaseNamespace, NodeName));
                return current?.Metadata.OwnerReferences.Any(o => o.Uid == node.Metadata.Uid) == true ? current : null;
            }, "a lease on the second server owned by the node registered there", diagnose: Diagnose);
            var renewedAt = lease.Spec!["renewTime"]!.GetValue<string>();
            await Eventually.GetAsync(async () =>
            {
                var current = await second.Client.GetOrNullAsync(ResourcePath.Lease(NodeObjects.LeaseNamespace, NodeName));
                return current?.Spec?["renewTime"]?.GetValue<string>() != renewedAt ? current : null;
            }, "a renewal of the lease on the second server", diagnose: Diagnose);

            // A pod bound to the node on the second server is run and reported there.
            await second.Client.CreateAsync(ApiObjects.Pod("after", NodeName, BusyBox), ResourcePath.Pods("default"));
            var after = await Eventually.GetAsync(async () =>
            {
                var pod = await second.Client.GetOrNullAsync(ResourcePath.Pod("default", "after"));
                return pod?.Phase() == "Running" ? pod : null;
            }, "the pod on the second server Running", diagnose: Diagnose);
            Assert.Equal("True", after.Condition("Ready"));
            Assert.Equal(1, fleet.PodCount);
            Assert.Contains($"API server {first.Address} failed", log.ToString());
            Assert.Contains($"moving to {second.Address}", log.ToString());
        }
        finally
        {
            if (!firstStopped)
                await first.DisposeAsync();
        }
    }

    private static SimulatedFleetOptions Options(params Uri[] servers) => new()
    {
        Servers = servers,
        NodeCount = 1,
        NamePrefix = "fo",
        Cpu = "8",
        Memory = "32Gi",
        Pods = new SimulatedPodOptions { StartDelay = TimeSpan.FromMilliseconds(100) },
        Host = new AgentHostOptions
        {
            Heartbeat = new HeartbeatOptions { LeaseRenewInterval = TimeSpan.FromMilliseconds(500), LeaseDuration = TimeSpan.FromSeconds(2), NodeStatusInterval = TimeSpan.FromSeconds(1) },
        },
    };
}
