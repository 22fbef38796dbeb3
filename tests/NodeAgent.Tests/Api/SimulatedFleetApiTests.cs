using System.Text.Json.Nodes;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Simulated;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.NodeAgent.Tests.Api;

public sealed class SimulatedFleetApiTests
{
    private static SimulatedFleetOptions Options(Uri server, int nodes = 3) => new()
    {
        Server = server,
        NodeCount = nodes,
        NamePrefix = "sim",
        Cpu = "8",
        Memory = "32Gi",
        PodsPerNode = 50,
        Taints = [new NodeTaint("gitops.io/simulated", "true", "NoSchedule")],
        Pods = new SimulatedPodOptions { StartDelay = TimeSpan.FromMilliseconds(100), RestartBackoff = TimeSpan.FromMilliseconds(100), CrashAfter = TimeSpan.FromMilliseconds(300), CompleteAfter = TimeSpan.FromMilliseconds(300) },
        Host = new AgentHostOptions
        {
            Heartbeat = new HeartbeatOptions { LeaseRenewInterval = TimeSpan.FromMilliseconds(500), LeaseDuration = TimeSpan.FromSeconds(2), NodeStatusInterval = TimeSpan.FromSeconds(1) },
        },
    };

    [Fact]
    public async Task Fleet_registers_its_nodes_with_capacity_labels_taints_and_renews_their_leases()
    {
        await using var api = await ApiServer.StartAsync();
        await using var fleet = new SimulatedFleet(Options(api.Address), TimeProvider.System, NullLoggerFactory.Instance);

        await fleet.StartAsync(CancellationToken.None);

        Assert.Equal(["sim-1", "sim-2", "sim-3"], fleet.NodeNames);
        var nodes = await api.Client.ListAsync(ResourcePath.Nodes(), ListOptions.None, CancellationToken.None);
        Assert.Equal(3, nodes.Items.Count(n => n.Metadata.Name!.StartsWith("sim-", StringComparison.Ordinal)));
        var node = nodes.Items.Single(n => n.Metadata.Name == "sim-2");
        Assert.Equal("8", node.Status!["allocatable"]!["cpu"]!.GetValue<string>());
        Assert.Equal("32Gi", node.Status["capacity"]!["memory"]!.GetValue<string>());
        Assert.Equal("50", node.Status["capacity"]!["pods"]!.GetValue<string>());
        Assert.Equal("sim-2", node.Metadata.GetLabel("kubernetes.io/hostname"));
        Assert.Equal("gitops.io/simulated", node.Spec!["taints"]![0]!["key"]!.GetValue<string>());
        Assert.Equal("True", node.Condition("Ready"));

        var lease = await Eventually.GetAsync(() => api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-2")), "the lease of sim-2");
        var firstRenewal = lease.Spec!["renewTime"]!.GetValue<string>();
        Assert.Equal("sim-2", lease.Spec["holderIdentity"]!.GetValue<string>());
        await Eventually.GetAsync(async () =>
        {
            var renewed = await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-2"));
            return renewed?.Spec?["renewTime"]?.GetValue<string>() != firstRenewal ? renewed : null;
        }, "a renewal of sim-2's lease");
    }

    [Fact]
    public async Task A_pod_the_node_lifecycle_marked_not_ready_is_ready_again_once_its_agent_sees_it()
    {
        await using var api = await ApiServer.StartAsync();
        await using var fleet = new SimulatedFleet(Options(api.Address), TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);
        await api.Client.CreateAsync(ApiObjects.Pod("web-1", "sim-2", """{"containers":[{"name":"web","image":"nginx:1.27"}]}"""), ResourcePath.Pods("default"));
        await Eventually.GetAsync(async () =>
        {
            var current = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "web-1"));
            return current?.Condition("Ready") == "True" ? current : null;
        }, "web-1 Ready");

        var marked = await api.Client.PatchStatusAsync(ResourcePath.Pod("default", "web-1"), JsonNode.Parse("""
            {"status":{"conditions":[{"type":"Ready","status":"False","reason":"NodeNotReady","message":"Node sim-2 is not ready"}]}}
            """)!, CancellationToken.None);
        Assert.True(marked.IsSuccess, marked.Error?.ToString());

        await Eventually.GetAsync(async () =>
        {
            var current = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "web-1"));
            return current?.Condition("Ready") == "True" ? current : null;
        }, "web-1 Ready again after the API's copy said not ready");
    }

    [Fact]
    public async Task Pod_bound_to_a_simulated_node_becomes_Running_with_an_IP_from_the_node_CIDR_and_Ready_conditions()
    {
        await using var api = await ApiServer.StartAsync();
        await using var fleet = new SimulatedFleet(Options(api.Address), TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);

        await api.Client.CreateAsync(ApiObjects.Pod("web-1", "sim-2", """{"containers":[{"name":"web","image":"nginx:1.27"}]}"""), ResourcePath.Pods("default"));

        var pod = await Eventually.GetAsync(async () =>
        {
            var current = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "web-1"));
            return current?.Phase() == "Running" ? current : null;
        }, "web-1 Running");
        var node = (await api.Client.GetOrNullAsync(ResourcePath.Node("sim-2")))!;
        var cidr = node.Spec!["podCIDR"]!.GetValue<string>();
        var podIp = pod.Status!["podIP"]!.GetValue<string>();
        Assert.StartsWith(cidr[..cidr.LastIndexOf('.')], podIp);
        Assert.Equal(node.Status!["addresses"]![0]!["address"]!.GetValue<string>(), pod.Status["hostIP"]!.GetValue<string>());
        foreach (var condition in new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready" })
            Assert.Equal("True", pod.Condition(condition));
        Assert.NotNull(pod.Status["startTime"]);
        var container = pod.Container()!;
        Assert.Equal("web", container["name"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", container["image"]!.GetValue<string>());
        Assert.True(container["ready"]!.GetValue<bool>());
        Assert.NotNull(container["state"]!["running"]);
    }

    [Fact]
    public async Task Pods_of_other_nodes_are_left_alone()
    {
        await using var api = await ApiServer.StartAsync();
        await using var fleet = new SimulatedFleet(Options(api.Address, nodes: 2), TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);

        await api.Client.CreateAsync(ApiObjects.Pod("elsewhere", "real-node-7", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        await api.Client.CreateAsync(ApiObjects.Pod("here", "sim-1", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        await Eventually.GetAsync(async () =>
        {
            var here = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "here"));
            return here?.Phase() == "Running" ? here : null;
        }, "the pod on sim-1 Running");
        await fleet.WhenStatusWrittenAsync(CancellationToken.None);

        var elsewhere = (await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "elsewhere")))!;
        Assert.NotEqual("Running", elsewhere.Phase());
        Assert.Null(elsewhere.Status?["hostIP"]);
        Assert.Equal(1, fleet.PodCount);
    }

    [Fact]
    public async Task Crashing_pods_restart_under_Always_and_fail_under_Never()
    {
        await using var api = await ApiServer.StartAsync();
        var options = Options(api.Address);
        options.Pods = options.Pods with { FailurePercent = 100 };
        await using var fleet = new SimulatedFleet(options, TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);

        await api.Client.CreateAsync(ApiObjects.Pod("flaky", "sim-1", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        await api.Client.CreateAsync(ApiObjects.Pod("once", "sim-3", """{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));

        var flaky = await Eventually.GetAsync(async () =>
        {
            var pod = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "flaky"));
            return pod?.RestartCount() >= 2 ? pod : null;
        }, "flaky restarted twice");
        Assert.Equal(1, flaky.Container()!["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>());
        var once = await Eventually.GetAsync(async () =>
        {
            var pod = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "once"));
            return pod?.Phase() == "Failed" ? pod : null;
        }, "once Failed");
        Assert.Equal(0, once.RestartCount());
        Assert.Equal("Error", once.Container()!["state"]!["terminated"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pods_of_batch_workloads_complete_and_service_pods_keep_running()
    {
        await using var api = await ApiServer.StartAsync();
        await using var fleet = new SimulatedFleet(Options(api.Address), TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);

        await api.Client.CreateAsync(ApiObjects.Pod("job-pod", "sim-1", """{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        await api.Client.CreateAsync(ApiObjects.Pod("retrying-pod", "sim-2", """{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        await api.Client.CreateAsync(ApiObjects.Pod("server", "sim-3", """{"containers":[{"name":"c","image":"nginx"}]}"""), ResourcePath.Pods("default"));

        foreach (var name in new[] { "job-pod", "retrying-pod" })
        {
            var done = await Eventually.GetAsync(async () =>
            {
                var pod = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", name));
                return pod?.Phase() == "Succeeded" ? pod : null;
            }, $"{name} Succeeded");
            Assert.Equal(0, done.Container()!["state"]!["terminated"]!["exitCode"]!.GetValue<int>());
            Assert.Equal("Completed", done.Container()!["state"]!["terminated"]!["reason"]!.GetValue<string>());
        }
        var server = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "server"));
        Assert.Equal("Running", server!.Phase());
    }

    [Fact]
    public async Task A_silenced_node_stops_renewing_its_lease_and_reporting_pods_until_resumed()
    {
        await using var api = await ApiServer.StartAsync();
        await using var fleet = new SimulatedFleet(Options(api.Address, nodes: 2), TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-1")), "the lease of sim-1");
        await Eventually.GetAsync(() => api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-2")), "the lease of sim-2");

        fleet.StopHeartbeat("sim-2");
        Assert.False(fleet.IsHeartbeating("sim-2"));
        // Let a renewal already on the wire land before taking the silent lease's last renewal.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await api.Client.CreateAsync(ApiObjects.Pod("stranded", "sim-2", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        var silentSince = (await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-2")))!.Spec!["renewTime"]!.GetValue<string>();
        var otherSince = (await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-1")))!.Spec!["renewTime"]!.GetValue<string>();
        await Eventually.GetAsync(async () =>
        {
            var other = await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-1"));
            var renewals = other?.Spec?["renewTime"]?.GetValue<string>() != otherSince ? 1 : 0;
            return renewals > 0 ? other : null;
        }, "sim-1 renewing while sim-2 is silent");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var silentLease = (await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-2")))!;
        Assert.Equal(silentSince, silentLease.Spec!["renewTime"]!.GetValue<string>());
        var stranded = (await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "stranded")))!;
        Assert.NotEqual("Running", stranded.Phase());
        Assert.Null(stranded.Status?["hostIP"]);

        fleet.ResumeHeartbeat("sim-2");

        await Eventually.GetAsync(async () =>
        {
            var lease = await api.Client.GetOrNullAsync(ResourcePath.Lease("kube-node-lease", "sim-2"));
            return lease?.Spec?["renewTime"]?.GetValue<string>() != silentSince ? lease : null;
        }, "sim-2 renewing again");
        await Eventually.GetAsync(async () =>
        {
            var pod = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "stranded"));
            return pod?.Phase() == "Running" ? pod : null;
        }, "the held-back pod status written after the resume");
    }

    [Fact]
    public async Task Deleting_a_pod_stops_it_on_its_node()
    {
        await using var api = await ApiServer.StartAsync();
        await using var fleet = new SimulatedFleet(Options(api.Address, nodes: 1), TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(CancellationToken.None);
        await api.Client.CreateAsync(ApiObjects.Pod("short-lived", "sim-1", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
        await Eventually.GetAsync(async () =>
        {
            var pod = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "short-lived"));
            return pod?.Phase() == "Running" ? pod : null;
        }, "short-lived Running");

        var deleted = await api.Client.DeleteAsync(ResourcePath.Pod("default", "short-lived"), new DeleteOptions(GracePeriodSeconds: 5), CancellationToken.None);
        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());

        await Eventually.GetAsync(async () =>
        {
            var pod = await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "short-lived"));
            return pod is null && fleet.PodCount == 0 ? new object() : null;
        }, "the pod gone from the API and from the node");
    }
}
