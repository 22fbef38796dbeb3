using System.Text.Json.Nodes;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Simulated;
using GitOps.NodeAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.NodeAgent.Tests.Api;

/// <summary>Every time the agent writes through the API comes from the clock it was composed with.</summary>
public sealed class AgentClockApiTests
{
    private static readonly DateTimeOffset Start = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private static SimulatedFleetOptions Options(Uri server) => new()
    {
        Server = server,
        NodeCount = 1,
        NamePrefix = "clocked",
        Pods = new SimulatedPodOptions { StartDelay = TimeSpan.FromMilliseconds(100) },
        Host = new AgentHostOptions
        {
            Heartbeat = new HeartbeatOptions { LeaseRenewInterval = TimeSpan.FromMilliseconds(200), LeaseDuration = TimeSpan.FromSeconds(2), NodeStatusInterval = TimeSpan.FromMinutes(1) },
        },
    };

    [Fact]
    public async Task Node_registration_heartbeats_and_lease_renewals_carry_the_agent_clock_time()
    {
        await using var api = await ApiServer.StartAsync();
        var clock = new ManualClock(Start);
        await using var fleet = new SimulatedFleet(Options(api.Address), clock, NullLoggerFactory.Instance);

        await fleet.StartAsync(CancellationToken.None);

        var node = (await api.Client.GetOrNullAsync(ResourcePath.Node("clocked-1")))!;
        Assert.Equal("2031-05-06T07:08:09Z", ReadyCondition(node)["lastHeartbeatTime"]!.GetValue<string>());
        Assert.Equal("2031-05-06T07:08:09Z", ReadyCondition(node)["lastTransitionTime"]!.GetValue<string>());
        await Eventually.GetAsync(async () =>
        {
            var lease = await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "clocked-1"));
            return lease?.Spec?["renewTime"]?.GetValue<string>() == "2031-05-06T07:08:09.000000Z" ? lease : null;
        }, "the lease renewed at the clock's time");

        // The node status is due once a minute of the agent's clock has passed, not of the machine's.
        clock.Advance(TimeSpan.FromMinutes(2));

        var beaten = await Eventually.GetAsync(async () =>
        {
            var current = await api.Client.GetOrNullAsync(ResourcePath.Node("clocked-1"));
            return current is not null && ReadyCondition(current)["lastHeartbeatTime"]!.GetValue<string>() == "2031-05-06T07:10:09Z" ? current : null;
        }, "a node status heartbeat at the advanced time");
        Assert.Equal("2031-05-06T07:08:09Z", ReadyCondition(beaten)["lastTransitionTime"]!.GetValue<string>());
        await Eventually.GetAsync(async () =>
        {
            var lease = await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "clocked-1"));
            return lease?.Spec?["renewTime"]?.GetValue<string>() == "2031-05-06T07:10:09.000000Z" ? lease : null;
        }, "the lease renewed at the advanced time");
    }

    [Fact]
    public async Task A_simulated_pod_reports_its_start_container_and_condition_times_from_the_agent_clock()
    {
        await using var api = await ApiServer.StartAsync();
        var clock = new ManualClock(Start);
        await using var fleet = new SimulatedFleet(Options(api.Address), clock, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));

        await api.Client.CreateAsync(ApiObjects.Pod("timed", "clocked-1", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));

        var pod = await Eventually.GetAsync(async () =>
        {
            var current = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "timed"));
            return current?.Phase() == "Running" ? current : null;
        }, "timed Running");
        Assert.Equal("2031-05-06T08:08:09Z", pod.Status!["startTime"]!.GetValue<string>());
        Assert.Equal("2031-05-06T08:08:09Z", pod.Container()!["state"]!["running"]!["startedAt"]!.GetValue<string>());
        var transitions = pod.Status["conditions"]!.AsArray().Select(c => c!["lastTransitionTime"]!.GetValue<string>()).Distinct();
        Assert.Equal(["2031-05-06T08:08:09Z"], transitions);
    }

    private static JsonObject ReadyCondition(Model.Objects.KubeObject node) =>
        node.Status!["conditions"]!.AsArray().OfType<JsonObject>().Single(c => c["type"]!.GetValue<string>() == "Ready");
}
