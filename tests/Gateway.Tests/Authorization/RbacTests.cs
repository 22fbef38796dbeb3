using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using static GitOps.Gateway.Tests.Authorization.Rbac;

namespace GitOps.Gateway.Tests.Authorization;

/// <summary>Kubernetes RBAC over HTTP and with the real kubectl, each test with its own user and namespaces.</summary>
public sealed class RbacTests(AuthorizedGateway gateway) : IClassFixture<AuthorizedGateway>
{
    private const string MergePatch = "application/merge-patch+json";

    private static readonly string[] Core = [""];
    private static readonly string[] Read = ["get", "list", "watch"];

    [Fact]
    public async Task A_user_bound_to_a_namespace_Role_lists_pods_there_and_gets_403_naming_user_verb_and_resource_elsewhere()
    {
        await gateway.CreateRoleAsync("jane-prod", "pod-reader", Rule(Read, Core, ["pods"]));
        await gateway.BindAsync("jane-prod", "jane-reads-pods", "Role", "pod-reader", User("jane"));
        await gateway.CreateAsync(Objects.PodsPath("jane-prod"), Objects.Pod("jane-prod", "web"));
        var jane = gateway.As("jane");

        var allowed = await jane.GetJsonAsync(Objects.PodsPath("jane-prod"));
        var elsewhere = await jane.GetJsonAsync(Objects.PodsPath("jane-dev"));
        var write = await jane.DeleteJsonAsync(Objects.PodPath("jane-prod", "web"));

        Assert.Equal(HttpStatusCode.OK, allowed.Code);
        Assert.Equal("web", allowed.Object["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.Code);
        Assert.Equal("Status", elsewhere.Object["kind"]!.GetValue<string>());
        Assert.Equal("Forbidden", elsewhere.Reason);
        Assert.Equal("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"jane-dev\"", elsewhere.Message);
        Assert.Equal(HttpStatusCode.Forbidden, write.Code);
        Assert.Equal("pods \"web\" is forbidden: User \"jane\" cannot delete resource \"pods\" in API group \"\" in the namespace \"jane-prod\"", write.Message);
    }

    [Fact]
    public async Task Kubectl_auth_can_i_answers_yes_where_the_Role_applies_and_no_elsewhere()
    {
        await gateway.CreateRoleAsync("kc-prod", "pod-reader", Rule(Read, Core, ["pods"]));
        await gateway.BindAsync("kc-prod", "kc-reads-pods", "Role", "pod-reader", User("jane"));
        using var kubectl = new Infrastructure.Kubectl(gateway.Host.Address, AuthorizedGateway.TokenOf("jane"));

        var yes = await kubectl.RunAsync("auth", "can-i", "list", "pods", "-n", "kc-prod");
        var no = await kubectl.RunAsync("auth", "can-i", "list", "pods", "-n", "kc-dev");
        var noDelete = await kubectl.RunAsync("auth", "can-i", "delete", "pods", "-n", "kc-prod");
        var list = await kubectl.RunAsync("auth", "can-i", "--list", "-n", "kc-prod");
        var get = await kubectl.RunAsync("get", "pods", "-n", "kc-dev");

        Assert.True(yes.ExitCode == 0 && yes.Output.Trim() == "yes", yes.ToString());
        Assert.True(no.ExitCode == 1 && no.Output.Trim() == "no", no.ToString());
        Assert.True(noDelete.ExitCode == 1 && noDelete.Output.Trim() == "no", noDelete.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        var podsLine = list.Output.Split('\n').Single(l => l.StartsWith("pods ", StringComparison.Ordinal));
        Assert.Contains("[get list watch]", podsLine);
        Assert.Contains(list.Output.Split('\n'), l => l.StartsWith("selfsubjectaccessreviews.authorization.k8s.io", StringComparison.Ordinal));
        Assert.NotEqual(0, get.ExitCode);
        Assert.Contains("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"kc-dev\"", get.Error);
    }

    [Fact]
    public async Task A_ClusterRoleBinding_of_view_reads_every_namespace_but_neither_writes_nor_reads_secrets()
    {
        await gateway.BindClusterAsync("bob-views", "view", User("bob"));
        await gateway.CreateAsync(Objects.PodsPath("bob-a"), Objects.Pod("bob-a", "web"));
        var bob = gateway.As("bob");

        Assert.Equal(HttpStatusCode.OK, (await bob.GetJsonAsync(Objects.PodsPath("bob-a"))).Code);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetJsonAsync("/api/v1/pods")).Code);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetJsonAsync("/apis/apps/v1/namespaces/bob-b/deployments")).Code);
        var create = await bob.PostJsonAsync(Objects.PodsPath("bob-a"), Objects.Pod("bob-a", "other"));
        Assert.Equal(HttpStatusCode.Forbidden, create.Code);
        Assert.Equal("pods is forbidden: User \"bob\" cannot create resource \"pods\" in API group \"\" in the namespace \"bob-a\"", create.Message);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetJsonAsync("/api/v1/namespaces/bob-a/secrets")).Code);
        var nodes = await bob.GetJsonAsync("/api/v1/nodes");
        Assert.Equal(HttpStatusCode.Forbidden, nodes.Code);
        Assert.Equal("nodes is forbidden: User \"bob\" cannot list resource \"nodes\" in API group \"\" at the cluster scope", nodes.Message);
    }

    [Fact]
    public async Task A_ClusterRole_bound_by_a_RoleBinding_to_a_group_applies_to_its_members_in_that_namespace_only()
    {
        await gateway.BindAsync("eve-team", "dev-edits", "ClusterRole", "edit", Group("dev"));
        var eve = gateway.As("eve");

        Assert.Equal(HttpStatusCode.Created, (await eve.PostJsonAsync(Objects.PodsPath("eve-team"), Objects.Pod("eve-team", "web"))).Code);
        Assert.Equal(HttpStatusCode.Created, (await eve.PostJsonAsync("/apis/apps/v1/namespaces/eve-team/deployments", Objects.Deployment("eve-team", "web"))).Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.PostJsonAsync(Objects.PodsPath("eve-other"), Objects.Pod("eve-other", "web"))).Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetJsonAsync("/api/v1/pods")).Code);
        // edit does not grant RBAC objects: no way to widen one's own rights.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await eve.PostJsonAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/eve-team/roles", Role("eve-team", "mine", [Rule(["*"], ["*"], ["*"])]))).Code);
    }

    [Fact]
    public async Task A_binding_to_a_role_that_does_not_exist_grants_nothing_and_the_403_says_why()
    {
        await gateway.BindAsync("eve-ghost", "ghost", "Role", "missing", User("eve"));

        var denied = await gateway.As("eve").GetJsonAsync(Objects.PodsPath("eve-ghost"));

        Assert.Equal(HttpStatusCode.Forbidden, denied.Code);
        Assert.Contains("RoleBinding \"eve-ghost/ghost\" of Role \"missing\": role.rbac.authorization.k8s.io \"missing\" not found", denied.Message);
    }

    [Fact]
    public async Task ResourceNames_let_a_user_get_the_named_object_only()
    {
        await gateway.CreateAsync("/api/v1/namespaces/carol-ns/configmaps", ConfigMap("carol-ns", "settings"));
        await gateway.CreateAsync("/api/v1/namespaces/carol-ns/configmaps", ConfigMap("carol-ns", "other"));
        await gateway.CreateRoleAsync("carol-ns", "settings-reader", Rule(["get", "list"], Core, ["configmaps"], ["settings"]));
        await gateway.BindAsync("carol-ns", "carol-reads-settings", "Role", "settings-reader", User("carol"));
        var carol = gateway.As("carol");

        Assert.Equal(HttpStatusCode.OK, (await carol.GetJsonAsync("/api/v1/namespaces/carol-ns/configmaps/settings")).Code);
        var other = await carol.GetJsonAsync("/api/v1/namespaces/carol-ns/configmaps/other");
        Assert.Equal(HttpStatusCode.Forbidden, other.Code);
        Assert.Equal("configmaps \"other\" is forbidden: User \"carol\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"carol-ns\"", other.Message);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.GetJsonAsync("/api/v1/namespaces/carol-ns/configmaps")).Code);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetJsonAsync("/api/v1/namespaces/carol-ns/configmaps?fieldSelector=metadata.name%3Dsettings")).Code);
    }

    [Fact]
    public async Task A_rule_on_a_subresource_grants_the_subresource_and_not_the_object()
    {
        await gateway.CreateAsync(Objects.PodsPath("dave-ns"), Objects.Pod("dave-ns", "web"));
        await gateway.CreateRoleAsync("dave-ns", "status-writer", Rule(["patch"], Core, ["pods/status"]));
        await gateway.BindAsync("dave-ns", "dave-writes-status", "Role", "status-writer", User("dave"));
        var dave = gateway.As("dave");
        var patch = new JsonObject { ["status"] = new JsonObject { ["message"] = "checked" } };

        Assert.Equal(HttpStatusCode.OK, (await dave.PatchJsonAsync("/api/v1/namespaces/dave-ns/pods/web/status", patch, MergePatch)).Code);
        var spec = await dave.PatchJsonAsync("/api/v1/namespaces/dave-ns/pods/web", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["x"] = "y" } } }, MergePatch);
        Assert.Equal(HttpStatusCode.Forbidden, spec.Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await dave.GetJsonAsync("/api/v1/namespaces/dave-ns/pods/web")).Code);
    }

    [Fact]
    public async Task The_GitOps_API_is_resource_sources_of_gitops_io_for_a_ServiceAccount_bound_to_read_it_and_forbidden_to_others()
    {
        await gateway.CreateClusterRoleAsync("source-reader", Rule(["get", "list"], ["gitops.io"], ["sources"]));
        await gateway.BindClusterAsync("builder-reads-sources", "source-reader", ServiceAccount("prod", "builder"));
        var builder = gateway.As("builder");

        var list = await builder.GetJsonAsync("/api/gitops/sources");
        var add = await builder.PostJsonAsync("/api/gitops/sources", new JsonObject { ["name"] = "apps", ["url"] = "https://git.example/apps.git" });
        var sync = await builder.PostJsonAsync("/api/gitops/sources/apps/sync", new JsonObject());
        var janeList = await gateway.As("jane").GetJsonAsync("/api/gitops/sources");

        Assert.Equal(HttpStatusCode.OK, list.Code);
        Assert.Equal(HttpStatusCode.Forbidden, add.Code);
        Assert.Equal("sources.gitops.io is forbidden: User \"system:serviceaccount:prod:builder\" cannot create resource \"sources\" in API group \"gitops.io\" at the cluster scope", add.Message);
        Assert.Equal(HttpStatusCode.Forbidden, sync.Code);
        Assert.Equal("sources.gitops.io \"apps\" is forbidden: User \"system:serviceaccount:prod:builder\" cannot create resource \"sources/sync\" in API group \"gitops.io\" at the cluster scope", sync.Message);
        Assert.Equal(HttpStatusCode.Forbidden, janeList.Code);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetJsonAsync("/api/gitops/sources")).Code);
    }

    [Fact]
    public async Task Every_authenticated_user_may_discover_the_API_and_ask_access_reviews_but_not_read_metrics()
    {
        var newcomer = gateway.As("bob");

        foreach (var path in (string[])["/version", "/api", "/apis", "/api/v1", "/apis/apps/v1", "/openapi/v3"])
        {
            var answer = await newcomer.GetJsonAsync(path);
            Assert.True(answer.Code == HttpStatusCode.OK, $"{path}: {answer}");
        }
        var metrics = await newcomer.GetJsonAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, metrics.Code);
        Assert.Equal("forbidden: User \"bob\" cannot get path \"/metrics\"", metrics.Message);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetJsonAsync("/metrics")).Code);
    }

    [Fact]
    public async Task A_SelfSubjectAccessReview_answers_for_the_caller_and_the_kind_is_discovered_as_create_only()
    {
        await gateway.CreateRoleAsync("review-ns", "pod-reader", Rule(Read, Core, ["pods"]));
        await gateway.BindAsync("review-ns", "carol-reads-pods", "Role", "pod-reader", User("carol"));
        var carol = gateway.As("carol");

        var allowed = await carol.PostJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("review-ns", "watch"));
        var denied = await carol.PostJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("review-ns", "create"));
        var discovery = await carol.GetJsonAsync("/apis/authorization.k8s.io/v1");
        var read = await gateway.Admin.GetJsonAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");

        Assert.Equal(HttpStatusCode.Created, allowed.Code);
        Assert.True(allowed.Object["status"]!["allowed"]!.GetValue<bool>());
        Assert.Contains("RoleBinding \"review-ns/carol-reads-pods\"", allowed.Object["status"]!["reason"]!.GetValue<string>());
        Assert.False(denied.Object["status"]!["allowed"]!.GetValue<bool>());
        var resource = discovery.Object["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "selfsubjectaccessreviews")!;
        Assert.Equal(["create"], resource["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, read.Code);
    }

    [Fact]
    public async Task Impersonation_is_refused_instead_of_being_answered_for_the_caller()
    {
        using var kubectl = new Infrastructure.Kubectl(gateway.Host.Address, AuthorizedGateway.TokenOf("admin"));

        var asJane = await kubectl.RunAsync("auth", "can-i", "delete", "pods", "-n", "prod", "--as", "jane");

        Assert.NotEqual(0, asJane.ExitCode);
        Assert.DoesNotContain("yes", asJane.Output);
        Assert.True(asJane.Error.Contains("impersonation (the Impersonate-* headers, kubectl --as and --as-group) is not supported", StringComparison.Ordinal), asJane.ToString());
    }

    private static JsonObject Review(string ns, string verb) => new()
    {
        ["apiVersion"] = "authorization.k8s.io/v1",
        ["kind"] = "SelfSubjectAccessReview",
        ["spec"] = new JsonObject { ["resourceAttributes"] = new JsonObject { ["namespace"] = ns, ["verb"] = verb, ["resource"] = "pods" } },
    };

    private static JsonObject ConfigMap(string ns, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["key"] = "value" },
    };
}
