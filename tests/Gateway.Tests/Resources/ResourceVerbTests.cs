using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Resources;

public sealed class ResourceVerbTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Create_stores_the_object_with_uid_resourceVersion_and_generation()
    {
        var created = await _client.PostJsonAsync(Objects.PodsPath("verbs-create"), Objects.Pod("verbs-create", "web-1"));

        Assert.Equal(HttpStatusCode.Created, created.Code);
        var metadata = created.Object["metadata"]!;
        Assert.False(string.IsNullOrEmpty(metadata["uid"]?.GetValue<string>()));
        Assert.True(long.Parse(Objects.ResourceVersion(created.Object)) > 0);
        Assert.Equal(1, metadata["generation"]!.GetValue<long>());

        var read = await _client.GetJsonAsync(Objects.PodPath("verbs-create", "web-1"));
        Assert.Equal(HttpStatusCode.OK, read.Code);
        Assert.Equal(metadata["uid"]!.GetValue<string>(), read.Object["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", read.Object["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_with_generateName_appends_a_random_suffix()
    {
        var pod = Objects.Pod("verbs-generate", "ignored");
        pod["metadata"]!.AsObject().Remove("name");
        pod["metadata"]!["generateName"] = "worker-";

        var first = await _client.PostJsonAsync(Objects.PodsPath("verbs-generate"), pod.DeepClone());
        var second = await _client.PostJsonAsync(Objects.PodsPath("verbs-generate"), pod.DeepClone());

        Assert.Equal(HttpStatusCode.Created, first.Code);
        Assert.Equal(HttpStatusCode.Created, second.Code);
        var firstName = first.Object["metadata"]!["name"]!.GetValue<string>();
        Assert.StartsWith("worker-", firstName);
        Assert.Equal("worker-".Length + 5, firstName.Length);
        Assert.NotEqual(firstName, second.Object["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_AlreadyExists()
    {
        await _client.PostJsonAsync(Objects.PodsPath("verbs-exists"), Objects.Pod("verbs-exists", "web"));

        var again = await _client.PostJsonAsync(Objects.PodsPath("verbs-exists"), Objects.Pod("verbs-exists", "web"));

        Assert.Equal(HttpStatusCode.Conflict, again.Code);
        Assert.Equal("AlreadyExists", again.Reason);
        Assert.Equal("pods \"web\" already exists", again.Message);
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_Conflict_and_with_the_current_one_succeeds()
    {
        var created = (await _client.PostJsonAsync(Objects.PodsPath("verbs-update"), Objects.Pod("verbs-update", "web"))).Object;
        var changed = created.DeepClone().AsObject();
        changed["spec"]!["containers"]![0]!["image"] = "nginx:1.28";
        var updated = await _client.PutJsonAsync(Objects.PodPath("verbs-update", "web"), changed);
        Assert.Equal(HttpStatusCode.OK, updated.Code);
        Assert.Equal(2, updated.Object["metadata"]!["generation"]!.GetValue<long>());

        var stale = created.DeepClone().AsObject();
        stale["spec"]!["containers"]![0]!["image"] = "nginx:1.29";
        var conflict = await _client.PutJsonAsync(Objects.PodPath("verbs-update", "web"), stale);

        Assert.Equal(HttpStatusCode.Conflict, conflict.Code);
        Assert.Equal("Conflict", conflict.Reason);
        Assert.StartsWith("Operation cannot be fulfilled on pods \"web\"", conflict.Message);
        var read = await _client.GetJsonAsync(Objects.PodPath("verbs-update", "web"));
        Assert.Equal("nginx:1.28", read.Object["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Merge_patch_changes_only_the_named_fields_and_null_removes_one()
    {
        await _client.PostJsonAsync(Objects.PodsPath("verbs-merge"), Objects.Pod("verbs-merge", "web", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }));

        var patched = await _client.PatchJsonAsync(Objects.PodPath("verbs-merge", "web"),
            JsonNode.Parse("""{"metadata":{"labels":{"tier":null,"team":"a"}}}""")!, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patched.Code);
        var labels = patched.Object["metadata"]!["labels"]!.AsObject();
        Assert.Equal("web", labels["app"]!.GetValue<string>());
        Assert.Equal("a", labels["team"]!.GetValue<string>());
        Assert.False(labels.ContainsKey("tier"));
    }

    [Fact]
    public async Task Json_patch_applies_operations_and_a_failed_test_is_refused()
    {
        await _client.PostJsonAsync(Objects.PodsPath("verbs-jsonpatch"), Objects.Pod("verbs-jsonpatch", "web"));

        var patched = await _client.PatchJsonAsync(Objects.PodPath("verbs-jsonpatch", "web"), JsonNode.Parse("""
            [{"op":"test","path":"/spec/containers/0/name","value":"main"},
             {"op":"replace","path":"/spec/containers/0/image","value":"redis:7"},
             {"op":"add","path":"/metadata/labels/role","value":"cache"}]
            """)!, "application/json-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.Code);
        Assert.Equal("redis:7", patched.Object["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("cache", patched.Object["metadata"]!["labels"]!["role"]!.GetValue<string>());

        var refused = await _client.PatchJsonAsync(Objects.PodPath("verbs-jsonpatch", "web"),
            JsonNode.Parse("""[{"op":"test","path":"/spec/containers/0/image","value":"nginx"}]""")!, "application/json-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Code);
        Assert.Contains("test failed", refused.Message);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        var pod = Objects.Pod("verbs-smp", "web");
        pod["spec"]!["containers"]!.AsArray().Add(new JsonObject { ["name"] = "sidecar", ["image"] = "envoy:1" });
        await _client.PostJsonAsync(Objects.PodsPath("verbs-smp"), pod);

        var patched = await _client.PatchJsonAsync(Objects.PodPath("verbs-smp", "web"),
            JsonNode.Parse("""{"spec":{"$setElementOrder/containers":[{"name":"main"},{"name":"sidecar"}],"containers":[{"name":"sidecar","image":"envoy:2"}]}}""")!,
            "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patched.Code);
        var containers = patched.Object["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("nginx:1.27", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("envoy:2", containers[1]!["image"]!.GetValue<string>());
        Assert.False(patched.Object["spec"]!.AsObject().ContainsKey("$setElementOrder/containers"));
    }

    [Fact]
    public async Task Status_subresource_writes_status_only_and_the_main_resource_keeps_status()
    {
        var created = (await _client.PostJsonAsync(Objects.PodsPath("verbs-status"), Objects.Pod("verbs-status", "web"))).Object;
        var withStatus = created.DeepClone().AsObject();
        withStatus["status"] = new JsonObject { ["phase"] = "Running", ["podIP"] = "10.0.0.7" };
        withStatus["spec"]!["containers"]![0]!["image"] = "ignored:1";

        var statusWrite = await _client.PutJsonAsync(Objects.PodPath("verbs-status", "web") + "/status", withStatus);
        Assert.Equal(HttpStatusCode.OK, statusWrite.Code);
        Assert.Equal("Running", statusWrite.Object["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", statusWrite.Object["spec"]!["containers"]![0]!["image"]!.GetValue<string>());

        var specPatch = await _client.PatchJsonAsync(Objects.PodPath("verbs-status", "web"),
            JsonNode.Parse("""{"status":{"phase":"Failed"},"metadata":{"labels":{"x":"y"}}}""")!, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, specPatch.Code);
        Assert.Equal("Running", specPatch.Object["status"]!["phase"]!.GetValue<string>());

        var statusPatch = await _client.PatchJsonAsync(Objects.PodPath("verbs-status", "web") + "/status",
            JsonNode.Parse("""{"status":{"phase":"Succeeded"}}""")!, "application/merge-patch+json");
        Assert.Equal("Succeeded", statusPatch.Object["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("10.0.0.7", statusPatch.Object["status"]!["podIP"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_removes_the_object_and_a_uid_precondition_that_does_not_match_is_Conflict()
    {
        await _client.PostJsonAsync(Objects.PodsPath("verbs-delete"), Objects.Pod("verbs-delete", "web"));

        var refused = await _client.DeleteJsonAsync(Objects.PodPath("verbs-delete", "web"),
            JsonNode.Parse("""{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"not-the-uid"}}"""));
        Assert.Equal(HttpStatusCode.Conflict, refused.Code);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync(Objects.PodPath("verbs-delete", "web"))).Code);

        var deleted = await _client.DeleteJsonAsync(Objects.PodPath("verbs-delete", "web"),
            JsonNode.Parse("""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}"""));
        Assert.Equal(HttpStatusCode.OK, deleted.Code);
        var gone = await _client.GetJsonAsync(Objects.PodPath("verbs-delete", "web"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Code);
        Assert.Equal("NotFound", gone.Reason);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_are_served_without_a_namespace()
    {
        var created = await _client.PostJsonAsync("/api/v1/namespaces", Objects.Namespace("verbs-cluster"));
        Assert.Equal(HttpStatusCode.Created, created.Code);

        var read = await _client.GetJsonAsync("/api/v1/namespaces/verbs-cluster");
        Assert.Equal("Namespace", read.Object["kind"]!.GetValue<string>());
        var wrongScope = await _client.GetJsonAsync("/api/v1/namespaces/verbs-cluster/nodes");
        Assert.Equal(HttpStatusCode.NotFound, wrongScope.Code);
        Assert.Equal("Status", wrongScope.Object["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Group_kinds_are_served_under_apis_and_listed_as_their_List_kind()
    {
        var created = await _client.PostJsonAsync("/apis/apps/v1/namespaces/verbs-apps/deployments", Objects.Deployment("verbs-apps", "web"));
        Assert.Equal(HttpStatusCode.Created, created.Code);

        var list = await _client.GetJsonAsync("/apis/apps/v1/namespaces/verbs-apps/deployments");

        Assert.Equal("DeploymentList", list.Object["kind"]!.GetValue<string>());
        Assert.Equal("apps/v1", list.Object["apiVersion"]!.GetValue<string>());
        Assert.Single(list.Object["items"]!.AsArray());
        Assert.True(long.Parse(list.Object["metadata"]!["resourceVersion"]!.GetValue<string>()) >= long.Parse(Objects.ResourceVersion(created.Object)));
    }
}
