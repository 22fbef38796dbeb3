using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Authorization;

/// <summary>The Node authorizer and NodeRestriction over HTTP: node n1 (system:node:n1 in system:nodes) against objects of n1 and n2.</summary>
public sealed class NodeAuthorizationTests(AuthorizedGateway gateway) : IClassFixture<AuthorizedGateway>
{
    private const string MergePatch = "application/merge-patch+json";
    private const string Ns = "workloads";

    private static JsonObject Node(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    private static JsonObject StatusPatch(string message) => new() { ["status"] = new JsonObject { ["message"] = message } };

    [Fact]
    public async Task A_node_registers_and_writes_its_own_Node_but_not_another_nodes()
    {
        var n1 = gateway.As("n1");
        await gateway.CreateAsync("/api/v1/nodes", Node("other-node"));

        var own = await n1.PostJsonAsync("/api/v1/nodes", Node("n1"));
        var foreign = await n1.PostJsonAsync("/api/v1/nodes", Node("impostor"));
        var ownStatus = await n1.PatchJsonAsync("/api/v1/nodes/n1/status", new JsonObject { ["status"] = new JsonObject { ["phase"] = "Running" } }, MergePatch);
        var foreignPatch = await n1.PatchJsonAsync("/api/v1/nodes/other-node", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["x"] = "y" } } }, MergePatch);
        var foreignStatus = await n1.PatchJsonAsync("/api/v1/nodes/other-node/status", new JsonObject { ["status"] = new JsonObject { ["phase"] = "Gone" } }, MergePatch);
        var delete = await n1.DeleteJsonAsync("/api/v1/nodes/other-node");

        Assert.Equal(HttpStatusCode.Created, own.Code);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Code);
        Assert.Contains("may only create nodes \"n1\", not \"impostor\"", foreign.Message);
        Assert.Equal(HttpStatusCode.OK, ownStatus.Code);
        Assert.Equal(HttpStatusCode.Forbidden, foreignPatch.Code);
        Assert.Equal("nodes \"other-node\" is forbidden: User \"system:node:n1\" cannot patch resource \"nodes\" in API group \"\" at the cluster scope: " +
            "Node: node \"n1\": it may only modify its own Node object, not node \"other-node\"", foreignPatch.Message);
        Assert.Equal(HttpStatusCode.Forbidden, foreignStatus.Code);
        Assert.Equal(HttpStatusCode.Forbidden, delete.Code);
        Assert.Equal(HttpStatusCode.OK, (await n1.GetJsonAsync("/api/v1/nodes")).Code);
    }

    [Fact]
    public async Task A_node_writes_the_status_of_its_own_pods_and_cannot_touch_pods_bound_to_another_node()
    {
        await gateway.CreateAsync(Objects.PodsPath(Ns), Objects.Pod(Ns, "on-n1", nodeName: "n1"));
        await gateway.CreateAsync(Objects.PodsPath(Ns), Objects.Pod(Ns, "on-n2", nodeName: "n2"));
        await gateway.CreateAsync(Objects.PodsPath(Ns), Objects.Pod(Ns, "unbound"));
        var n1 = gateway.As("n1");

        var ownStatus = await n1.PatchJsonAsync($"{Objects.PodPath(Ns, "on-n1")}/status", StatusPatch("running here"), MergePatch);
        var foreignStatus = await n1.PatchJsonAsync($"{Objects.PodPath(Ns, "on-n2")}/status", StatusPatch("hijacked"), MergePatch);
        var unboundStatus = await n1.PatchJsonAsync($"{Objects.PodPath(Ns, "unbound")}/status", StatusPatch("hijacked"), MergePatch);
        var foreignDelete = await n1.DeleteJsonAsync(Objects.PodPath(Ns, "on-n2"));
        var ownSpec = await n1.PatchJsonAsync(Objects.PodPath(Ns, "on-n1"), new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["x"] = "y" } } }, MergePatch);
        var create = await n1.PostJsonAsync(Objects.PodsPath(Ns), Objects.Pod(Ns, "mirror", nodeName: "n1"));
        var watchOwn = await n1.GetJsonAsync($"{Objects.PodsPath(Ns)}?fieldSelector=spec.nodeName%3Dn1");

        Assert.Equal(HttpStatusCode.OK, ownStatus.Code);
        Assert.Equal("running here", ownStatus.Object["status"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, foreignStatus.Code);
        Assert.Equal("pods \"on-n2\" is forbidden: User \"system:node:n1\" cannot patch resource \"pods/status\" in API group \"\" in the namespace \"workloads\": " +
            "Node: node \"n1\": pod \"workloads/on-n2\" is bound to node \"n2\", and a node may only write pods bound to it", foreignStatus.Message);
        Assert.Equal(HttpStatusCode.Forbidden, unboundStatus.Code);
        Assert.Equal(HttpStatusCode.Forbidden, foreignDelete.Code);
        Assert.Equal(HttpStatusCode.Forbidden, ownSpec.Code);
        Assert.Equal(HttpStatusCode.Forbidden, create.Code);
        Assert.Equal(HttpStatusCode.OK, watchOwn.Code);
        var onN2 = await gateway.Admin.GetJsonAsync(Objects.PodPath(Ns, "on-n2"));
        Assert.Null(onN2.Object["status"]?["message"]);
        Assert.Equal(HttpStatusCode.OK, (await n1.DeleteJsonAsync(Objects.PodPath(Ns, "on-n1"))).Code);
    }

    [Fact]
    public async Task A_node_reads_the_Secrets_its_own_pods_use_and_no_others()
    {
        await gateway.CreateAsync("/api/v1/namespaces/secrets-ns/secrets", Secret("secrets-ns", "db"));
        await gateway.CreateAsync("/api/v1/namespaces/secrets-ns/secrets", Secret("secrets-ns", "unrelated"));
        var pod = Objects.Pod("secrets-ns", "uses-db", nodeName: "n1");
        pod["spec"]!["containers"]![0]!["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "PASSWORD",
            ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "db", ["key"] = "password" } },
        });
        await gateway.CreateAsync(Objects.PodsPath("secrets-ns"), pod);

        var used = await gateway.As("n1").GetJsonAsync("/api/v1/namespaces/secrets-ns/secrets/db");
        var unrelated = await gateway.As("n1").GetJsonAsync("/api/v1/namespaces/secrets-ns/secrets/unrelated");
        var otherNode = await gateway.As("n2").GetJsonAsync("/api/v1/namespaces/secrets-ns/secrets/db");
        var list = await gateway.As("n1").GetJsonAsync("/api/v1/namespaces/secrets-ns/secrets");

        Assert.Equal(HttpStatusCode.OK, used.Code);
        Assert.Equal(HttpStatusCode.Forbidden, unrelated.Code);
        Assert.Contains("no relationship found between node \"n1\" and secrets \"secrets-ns/unrelated\"", unrelated.Message);
        Assert.Equal(HttpStatusCode.Forbidden, otherNode.Code);
        Assert.Equal(HttpStatusCode.Forbidden, list.Code);
    }

    [Fact]
    public async Task A_node_keeps_its_own_Lease_only()
    {
        var n2 = gateway.As("n2");

        var ns = await n2.PostJsonAsync("/api/v1/namespaces", Objects.Namespace("kube-node-lease"));
        var otherNs = await n2.PostJsonAsync("/api/v1/namespaces", Objects.Namespace("node-made"));
        var own = await n2.PostJsonAsync("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", Lease("n2"));
        var foreign = await n2.PostJsonAsync("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", Lease("n1"));
        var read = await n2.GetJsonAsync("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n2");
        var readForeign = await n2.GetJsonAsync("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1");

        Assert.True(ns.Code is HttpStatusCode.Created or HttpStatusCode.Conflict, ns.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, otherNs.Code);
        Assert.Equal(HttpStatusCode.Created, own.Code);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Code);
        Assert.Equal(HttpStatusCode.OK, read.Code);
        Assert.Equal(HttpStatusCode.Forbidden, readForeign.Code);
    }

    private static JsonObject Secret(string ns, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["password"] = "c2VjcmV0" },
    };

    private static JsonObject Lease(string name) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kube-node-lease" },
        ["spec"] = new JsonObject { ["holderIdentity"] = name },
    };
}
