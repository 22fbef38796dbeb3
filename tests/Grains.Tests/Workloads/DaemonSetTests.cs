using GitOps.Grains.Controllers.GarbageCollection;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Workloads.DaemonSets;
using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class DaemonSetTests
{
    private static KubeObject DaemonSet(string image = "agent:1", string? nodeSelector = null, int maxUnavailable = 1)
    {
        var selector = nodeSelector is null ? "" : $$""","nodeSelector":{"disk":"{{nodeSelector}}"}""";
        return KubeObject.FromJson($$"""
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"default","uid":"uid-ds","generation":1},
             "spec":{"selector":{"matchLabels":{"app":"agent"} },"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":{{maxUnavailable}} } },
               "template":{"metadata":{"labels":{"app":"agent"} },"spec":{"containers":[{"name":"main","image":"{{image}}"}]{{selector}} } }
             }
            }
            """);
    }

    private static KubeObject Node(string name, string? disk = null, Taint? taint = null)
    {
        var node = ControllerObjects.Node(name, labels: disk is null ? null : new Dictionary<string, string> { ["disk"] = disk }, taints: taint is null ? null : [taint]);
        return node.Object;
    }

    private static KubeObject DaemonPod(KubeObject daemonSet, string node, bool ready = true)
    {
        var pod = new Pod(DaemonSetPlanner.NewPod(daemonSet, node)) { Phase = PodPhase.Running };
        pod.Metadata.Uid = $"uid-{pod.Name}";
        pod.Metadata.CreationTimestamp = Now.AddMinutes(-5);
        pod.SetCondition(new Condition(PodConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False), Now.AddMinutes(-5));
        return pod.Object;
    }

    [Fact]
    public void One_pod_goes_to_every_fitting_node_and_none_to_others()
    {
        var daemonSet = DaemonSet(nodeSelector: "ssd");
        var nodes = new[] { Node("a", "ssd"), Node("b", "ssd"), Node("c", "hdd"), Node("d", "ssd", new Taint("dedicated", "db", TaintEffects.NoSchedule)) };
        var misplaced = DaemonPod(daemonSet, "c");

        var plan = DaemonSetPlanner.Plan(daemonSet, nodes, [DaemonPod(daemonSet, "a"), misplaced], Now);

        Assert.Equal(["b"], plan.CreateOn);
        Assert.Equal([misplaced.Metadata.Name], plan.Delete.Select(p => p.Name));
        Assert.Equal((2, 1, 1), (plan.Status.GetInt("desiredNumberScheduled"), plan.Status.GetInt("currentNumberScheduled"), plan.Status.GetInt("numberMisscheduled")));
    }

    [Fact]
    public void Rolling_update_replaces_at_most_maxUnavailable_available_pods_at_a_time()
    {
        var v1 = DaemonSet("agent:1");
        var v2 = DaemonSet("agent:2");
        var nodes = new[] { Node("a"), Node("b"), Node("c") };
        var pods = nodes.Select(n => DaemonPod(v1, n.Metadata.Name!)).ToArray();

        var plan = DaemonSetPlanner.Plan(v2, nodes, pods, Now);

        Assert.Single(plan.Delete);
        Assert.Empty(plan.CreateOn);
        Assert.Equal(0, plan.Status.GetInt("updatedNumberScheduled"));
    }

    [Fact]
    public async Task Daemon_set_controller_puts_one_pod_on_each_node()
    {
        await using var scenario = await WorkloadScenario.StartAsync(nodes: 3);
        var daemonSet = DaemonSet();
        daemonSet.Metadata.Uid = null;
        await scenario.Host.CreateAsync(daemonSet);

        var pods = await ControllerTestHost.EventuallyAsync(() => scenario.Kubelet.PodsAsync("agent"), p => p.Count == 3, "three daemon pods exist");

        Assert.Equal(["node-0", "node-1", "node-2"], pods.Select(p => p.NodeName).Order(StringComparer.Ordinal));
        await ControllerTestHost.EventuallyAsync(() => scenario.Host.GetAsync(new ResourceKey("apps", "DaemonSet", "default", "agent")),
            d => d?.Status?.GetInt("currentNumberScheduled") == 3, "the DaemonSet reports three scheduled pods");
    }

    [Fact]
    public void Orphans_the_selector_matches_are_adopted_and_counted()
    {
        var daemonSet = DaemonSet();
        var orphan = DaemonPod(daemonSet, "a");
        orphan.Metadata.SetOwnerReferences([]);

        var plan = DaemonSetPlanner.Plan(daemonSet, [Node("a"), Node("b")], [orphan], Now);

        Assert.Equal([orphan], plan.Adopt);
        Assert.Equal(["b"], plan.CreateOn);
        // The adopted orphan already counts as node a's daemon; node b's is yet to be created.
        Assert.Equal(1, plan.Status.GetInt("currentNumberScheduled"));
    }

    [Fact]
    public void A_daemon_set_being_deleted_creates_deletes_and_adopts_nothing()
    {
        var daemonSet = DaemonSet();
        daemonSet.Metadata.DeletionTimestamp = Now;
        var orphan = DaemonPod(daemonSet, "a");
        orphan.Metadata.SetOwnerReferences([]);

        var plan = DaemonSetPlanner.Plan(daemonSet, [Node("a"), Node("b"), Node("c")], [orphan, DaemonPod(daemonSet, "removed-node")], Now);

        Assert.Empty(plan.Adopt);
        Assert.Empty(plan.CreateOn);
        Assert.Empty(plan.Delete);
    }

    [Theory]
    [InlineData(Finalizers.PolicyBackground)]
    [InlineData(Finalizers.PolicyForeground)]
    public async Task An_adopted_orphan_is_collected_with_its_daemon_set(string propagation)
    {
        await using var scenario = await WorkloadScenario.StartAsync(nodes: 3);
        var daemonSet = DaemonSet();
        daemonSet.Metadata.Uid = null;
        var orphan = DaemonSetPlanner.NewPod(daemonSet, "node-0");
        orphan.Metadata.Name = "agent-by-hand";
        orphan.Metadata.SetOwnerReferences([]);
        await scenario.Host.CreateAsync(orphan);

        var created = await scenario.Host.CreateAsync(daemonSet);
        var adopted = await ControllerTestHost.EventuallyAsync(() => scenario.Host.GetAsync(ResourceKey.Of(orphan)),
            p => p is not null && Ownership.IsControlledBy(p, created), "the DaemonSet adopts the orphan");
        Assert.True(adopted!.Metadata.ControllerReference?.BlockOwnerDeletion, "the adopted pod's controller reference blocks its owner's deletion");
        var pods = await ControllerTestHost.EventuallyAsync(() => scenario.Kubelet.PodsAsync("agent"), p => p.Count == 3, "three daemon pods exist");
        Assert.Contains(pods, p => p.Name == "agent-by-hand" && p.NodeName == "node-0");

        var deleted = await scenario.Host.Grain(ResourceKey.Of(created)).DeleteAsync(new DeleteRequest(propagation), CancellationToken.None);

        Assert.True(deleted.Succeeded, $"deleting the DaemonSet failed: {deleted.Outcome} {deleted.Message}");
        await ControllerTestHost.EventuallyAsync(() => scenario.Host.GetAsync(ResourceKey.Of(created)), d => d is null, "the DaemonSet is gone");
        await ControllerTestHost.EventuallyAsync(() => scenario.Kubelet.PodsAsync("agent"), p => p.Count == 0, "the garbage collector deletes every daemon pod, the adopted one too");
    }
}
