using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Simulated;

namespace GitOps.NodeAgent.Tests.Nodes;

public sealed class NodeObjectsTests
{
    [Fact]
    public void A_registered_node_carries_capacity_labels_taints_addresses_and_a_Ready_condition()
    {
        var template = new NodeTemplate("n1", "4", "16Gi", 110, "172.16.0.1", "10.0.1.0/24", "m5.large", "simulated",
            new Dictionary<string, string> { ["zone"] = "a" }, [new NodeTaint("dedicated", "gpu", "NoSchedule")]);

        var node = NodeObjects.Node(template, DateTimeOffset.UtcNow);

        Assert.Equal("4", node.Status!["capacity"]!["cpu"]!.GetValue<string>());
        Assert.Equal("16Gi", node.Status["allocatable"]!["memory"]!.GetValue<string>());
        Assert.Equal("110", node.Status["allocatable"]!["pods"]!.GetValue<string>());
        Assert.Equal("n1", node.Metadata.GetLabel("kubernetes.io/hostname"));
        Assert.Equal("m5.large", node.Metadata.GetLabel("node.kubernetes.io/instance-type"));
        Assert.Equal("a", node.Metadata.GetLabel("zone"));
        Assert.Equal("dedicated", node.Spec!["taints"]![0]!["key"]!.GetValue<string>());
        Assert.Equal("172.16.0.1", node.Status["addresses"]![0]!["address"]!.GetValue<string>());
        var ready = node.Status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready");
        Assert.Equal("True", ready!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("dedicated=gpu:NoSchedule", "dedicated", "gpu", "NoSchedule")]
    [InlineData("node.kubernetes.io/maintenance:NoExecute", "node.kubernetes.io/maintenance", null, "NoExecute")]
    public void Taints_parse_from_the_kubectl_form(string text, string key, string? value, string effect)
    {
        Assert.Equal(new NodeTaint(key, value, effect), NodeTaint.TryParse(text, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void A_taint_with_an_unknown_effect_is_refused_with_the_allowed_effects()
    {
        Assert.Null(NodeTaint.TryParse("a=b:Sometimes", out var error));
        Assert.Contains("NoSchedule", error);
    }

    [Fact]
    public void Pod_addresses_come_from_the_node_CIDR_are_stable_per_pod_and_reused_after_release()
    {
        var pool = new PodAddressPool("10.0.1.0/30");

        Assert.Equal("10.0.1.1", pool.Allocate("a"));
        Assert.Equal("10.0.1.2", pool.Allocate("b"));
        Assert.Equal("10.0.1.1", pool.Allocate("a"));
        Assert.Null(pool.Allocate("c"));
        pool.Release("a");
        Assert.Equal("10.0.1.1", pool.Allocate("c"));
        Assert.False(pool.Claim("d", "10.0.1.2"));
    }

    [Fact]
    public void Fleet_nodes_get_distinct_names_addresses_and_pod_CIDRs()
    {
        var templates = new SimulatedFleetOptions { NodeCount = 300, NamePrefix = "kwok" }.NodeTemplates();

        Assert.Equal("kwok-1", templates[0].Name);
        Assert.Equal("kwok-300", templates[^1].Name);
        Assert.Equal(300, templates.Select(t => t.PodCidr).Distinct().Count());
        Assert.Equal(300, templates.Select(t => t.InternalIp).Distinct().Count());
        Assert.Equal("10.0.1.0/24", templates[0].PodCidr);
    }
}
