using GitOps.Grains.Controllers.Workloads.DaemonSets;
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
}
