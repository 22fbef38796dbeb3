using GitOps.Grains.Controllers.Scheduling;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.Scheduling;

public sealed class SchedulingFiltersTests
{
    [Fact]
    public void A_pod_that_fits_a_ready_node_passes()
    {
        var node = Snapshot(Node("n1", cpu: "2", memory: "4Gi"));

        Assert.True(SchedulingFilters.Fits(Requirements(Pod("p", cpu: "1", memory: "1Gi")), node));
    }

    [Fact]
    public void Requests_must_fit_allocatable_minus_what_placed_pods_request()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", cpu: "2", memory: "4Gi"));
        cache.ApplyPod(Key("placed"), Pod("placed", cpu: "1500m", memory: "1Gi", nodeName: "n1"));
        var node = cache.FindNode("n1")!;

        Assert.True(SchedulingFilters.Fits(Requirements(Pod("small", cpu: "500m")), node));
        Assert.Equal([SchedulingFilters.InsufficientCpu], Diagnose(Pod("big", cpu: "501m"), node));
        Assert.Equal([SchedulingFilters.InsufficientCpu, SchedulingFilters.InsufficientMemory], Diagnose(Pod("both", cpu: "1", memory: "4Gi"), node));
    }

    [Fact]
    public void The_pod_count_is_a_resource_too()
    {
        var cache = new SchedulerCache();
        cache.ApplyNode("n1", Node("n1", pods: 1));
        cache.ApplyPod(Key("placed"), Pod("placed", nodeName: "n1"));

        Assert.Equal([SchedulingFilters.TooManyPods], Diagnose(Pod("p"), cache.FindNode("n1")!));
    }

    [Fact]
    public void Not_ready_and_unschedulable_nodes_are_filtered()
    {
        var notReady = Snapshot(Node("n1", ready: false));
        var cordoned = Node("n2");
        cordoned.Unschedulable = true;

        Assert.Equal([SchedulingFilters.NodeNotReady], Diagnose(Pod("p"), notReady));
        Assert.Equal([SchedulingFilters.NodeUnschedulable], Diagnose(Pod("p"), Snapshot(cordoned)));
    }

    [Fact]
    public void Node_selector_must_match_node_labels()
    {
        var node = Snapshot(Node("n1", labels: new Dictionary<string, string> { ["disk"] = "ssd" }));

        Assert.True(SchedulingFilters.Fits(Requirements(Pod("p", nodeSelector: new Dictionary<string, string> { ["disk"] = "ssd" })), node));
        Assert.Equal([SchedulingFilters.NodeAffinityMismatch], Diagnose(Pod("p", nodeSelector: new Dictionary<string, string> { ["disk"] = "hdd" }), node));
    }

    [Theory]
    [InlineData("In", new[] { "a", "b" }, true)]
    [InlineData("In", new[] { "c" }, false)]
    [InlineData("NotIn", new[] { "a" }, false)]
    [InlineData("NotIn", new[] { "c" }, true)]
    [InlineData("Exists", new string[0], true)]
    [InlineData("DoesNotExist", new string[0], false)]
    public void Required_node_affinity_operators_match_labels(string op, string[] values, bool fits)
    {
        var node = Snapshot(Node("n1", labels: new Dictionary<string, string> { ["zone"] = "a", ["cores"] = "8" }));
        var term = new NodeSelectorTerm([new NodeSelectorRequirement("zone", op, values)], []);

        Assert.Equal(fits, SchedulingFilters.Fits(Requirements(Pod("p", affinity: [term])), node));
    }

    [Theory]
    [InlineData("Gt", "7", true)]
    [InlineData("Gt", "8", false)]
    [InlineData("Lt", "9", true)]
    [InlineData("Lt", "8", false)]
    public void Required_node_affinity_compares_integers_with_Gt_and_Lt(string op, string operand, bool fits)
    {
        var node = Snapshot(Node("n1", labels: new Dictionary<string, string> { ["cores"] = "8" }));
        var term = new NodeSelectorTerm([new NodeSelectorRequirement("cores", op, [operand])], []);

        Assert.Equal(fits, SchedulingFilters.Fits(Requirements(Pod("p", affinity: [term])), node));
    }

    [Fact]
    public void Affinity_terms_are_ored()
    {
        var node = Snapshot(Node("n1", labels: new Dictionary<string, string> { ["zone"] = "b" }));
        var zoneA = new NodeSelectorTerm([new NodeSelectorRequirement("zone", "In", ["a"])], []);
        var zoneB = new NodeSelectorTerm([new NodeSelectorRequirement("zone", "In", ["b"])], []);

        Assert.True(SchedulingFilters.Fits(Requirements(Pod("p", affinity: [zoneA, zoneB])), node));
        Assert.False(SchedulingFilters.Fits(Requirements(Pod("p", affinity: [zoneA])), node));
    }

    [Theory]
    [InlineData(TaintEffects.NoSchedule, false)]
    [InlineData(TaintEffects.NoExecute, false)]
    [InlineData(TaintEffects.PreferNoSchedule, true)]
    public void NoSchedule_and_NoExecute_taints_repel_pods_that_do_not_tolerate_them(string effect, bool fits)
    {
        var node = Snapshot(Node("n1", taints: [new Taint("dedicated", "gpu", effect)]));

        Assert.Equal(fits, SchedulingFilters.Fits(Requirements(Pod("p")), node));
    }

    [Fact]
    public void A_tolerated_taint_does_not_repel()
    {
        var node = Snapshot(Node("n1", taints: [new Taint("dedicated", "gpu", TaintEffects.NoSchedule)]));
        var equal = new Toleration("dedicated", Toleration.OperatorEqual, "gpu", TaintEffects.NoSchedule);
        var exists = new Toleration("dedicated", Toleration.OperatorExists, null, null);
        var wrongValue = new Toleration("dedicated", Toleration.OperatorEqual, "fpga", TaintEffects.NoSchedule);

        Assert.True(SchedulingFilters.Fits(Requirements(Pod("p", tolerations: [equal])), node));
        Assert.True(SchedulingFilters.Fits(Requirements(Pod("p", tolerations: [exists])), node));
        Assert.Equal(["node(s) had untolerated taint {dedicated: gpu}"], Diagnose(Pod("p", tolerations: [wrongValue]), node));
    }

    private static SchedulingNode Snapshot(Node node)
    {
        var cache = new SchedulerCache();
        cache.ApplyNode(node.Name, node);
        return cache.FindNode(node.Name)!;
    }

    private static PodRequirements Requirements(Pod pod) => PodRequirements.From(pod);

    private static List<string> Diagnose(Pod pod, SchedulingNode node)
    {
        var reasons = new List<string>();
        SchedulingFilters.Diagnose(Requirements(pod), node, reasons);
        return reasons;
    }

    private static Model.Objects.ResourceKey Key(string pod) => new("", "Pod", "default", pod);
}
