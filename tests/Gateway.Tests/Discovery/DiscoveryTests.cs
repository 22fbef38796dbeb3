using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Model.Registry;

namespace GitOps.Gateway.Tests.Discovery;

public sealed class DiscoveryTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Version_and_core_versions_are_served()
    {
        var version = await _client.GetJsonAsync("/version");
        Assert.Equal("1", version.Object["major"]!.GetValue<string>());
        Assert.StartsWith("v1.", version.Object["gitVersion"]!.GetValue<string>());

        var api = await _client.GetJsonAsync("/api");
        Assert.Equal("APIVersions", api.Object["kind"]!.GetValue<string>());
        Assert.Equal("v1", api.Object["versions"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Core_resource_list_has_short_names_categories_verbs_and_status_subresources()
    {
        var list = await _client.GetJsonAsync("/api/v1");

        Assert.Equal("APIResourceList", list.Object["kind"]!.GetValue<string>());
        var resources = list.Object["resources"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["name"]!.GetValue<string>());
        var pods = resources["pods"];
        Assert.Equal("Pod", pods["kind"]!.GetValue<string>());
        Assert.True(pods["namespaced"]!.GetValue<bool>());
        Assert.Contains("po", pods["shortNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("all", pods["categories"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("watch", pods["verbs"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(resources.ContainsKey("pods/status"));
        Assert.False(resources["nodes"]["namespaced"]!.GetValue<bool>());
        foreach (var (name, shortName) in new[] { ("services", "svc"), ("nodes", "no"), ("namespaces", "ns"), ("configmaps", "cm"), ("endpoints", "ep"), ("events", "ev") })
            Assert.Contains(shortName, resources[name]["shortNames"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Group_list_and_group_resource_lists_cover_apps_batch_and_coordination()
    {
        var groups = await _client.GetJsonAsync("/apis");
        var names = groups.Object["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToArray();
        Assert.Contains("apps", names);
        Assert.Contains("batch", names);
        Assert.Contains("coordination.k8s.io", names);

        var apps = await _client.GetJsonAsync("/apis/apps/v1");
        var deployments = apps.Object["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "deployments")!;
        Assert.Contains("deploy", deployments["shortNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetJsonAsync("/apis/apps/v9")).Code);
    }

    [Fact]
    public async Task Discovery_serves_every_kind_of_the_registry_with_its_names_scope_and_subresources()
    {
        var groups = (await _client.GetJsonAsync("/apis")).Object["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToHashSet();
        foreach (var groupVersion in KindRegistry.BuiltIn.GroupBy(k => k.ApiVersion))
        {
            var group = groupVersion.First().Group;
            Assert.True(group.Length == 0 || groups.Contains(group), $"/apis does not list {group}");
            var list = await _client.GetJsonAsync(group.Length == 0 ? "/api/v1" : $"/apis/{groupVersion.Key}");
            var resources = list.Object["resources"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["name"]!.GetValue<string>());
            foreach (var kind in groupVersion)
            {
                var resource = resources[kind.Plural];
                Assert.Equal(kind.Kind, resource["kind"]!.GetValue<string>());
                Assert.Equal(kind.Singular, resource["singularName"]!.GetValue<string>());
                Assert.Equal(kind.Namespaced, resource["namespaced"]!.GetValue<bool>());
                Assert.Equal(kind.ShortNames, Names(resource["shortNames"]));
                Assert.Equal(kind.Categories, Names(resource["categories"]));
                Assert.Equal(kind.HasStatus, resources.ContainsKey(kind.Plural + "/status"));
                Assert.Equal(kind.HasScale, resources.ContainsKey(kind.Plural + "/scale"));
            }
        }
    }

    [Fact]
    public async Task A_kind_stored_by_GitSync_that_the_gateway_does_not_know_is_discovered_and_served_generically()
    {
        var widget = new KubeObject("widgets.example.com/v1alpha1", "Gadget", "discovery", "gizmo");
        widget.EnsureSpec()["size"] = 3;
        var result = await fixture.Host.Grains.GetGrain<IResourceGrain>(ResourceKey.Of(widget).ToString())
            .ApplyDesiredAsync(new DesiredObject(widget, "platform", "https://git.example/platform.git", "gadgets.yaml", "abc123"), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);

        var resources = await WaitForAsync(async () =>
        {
            var answer = await _client.GetJsonAsync("/apis/widgets.example.com/v1alpha1");
            return answer.Code == HttpStatusCode.OK ? answer : null;
        });
        var gadgets = resources.Object["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "gadgets")!;
        Assert.Equal("Gadget", gadgets["kind"]!.GetValue<string>());
        Assert.True(gadgets["namespaced"]!.GetValue<bool>());

        var list = await _client.GetJsonAsync("/apis/widgets.example.com/v1alpha1/namespaces/discovery/gadgets");
        Assert.Equal("GadgetList", list.Object["kind"]!.GetValue<string>());
        Assert.Equal(3, list.Object["items"]![0]!["spec"]!["size"]!.GetValue<int>());
        var table = await _client.GetJsonAsync("/apis/widgets.example.com/v1alpha1/namespaces/discovery/gadgets", Api.TableAccept);
        Assert.Equal(["Name", "Age"], table.Object["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Pod_table_has_kubectl_columns_with_wide_ones_at_priority_1_and_metadata_in_rows()
    {
        var pod = Objects.Pod("discovery-table", "web", nodeName: "node-3");
        pod["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["podIP"] = "10.1.2.3",
            ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "main", ["ready"] = true, ["restartCount"] = 2 }),
        };
        var created = await _client.PostJsonAsync(Objects.PodsPath("discovery-table"), pod);
        await _client.PutJsonAsync(Objects.PodPath("discovery-table", "web") + "/status", JsonNode.Parse(created.Text)!.AsObject().Also(o => o["status"] = pod["status"]!.DeepClone()));

        var table = await _client.GetJsonAsync("/api/v1/pods?labelSelector=app%3Dweb&fieldSelector=metadata.namespace%3Ddiscovery-table", Api.TableAccept);

        Assert.Equal("Table", table.Object["kind"]!.GetValue<string>());
        var columns = table.Object["columnDefinitions"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["priority"]!.GetValue<int>())).ToArray();
        Assert.Equal([("Name", 0), ("Ready", 0), ("Status", 0), ("Restarts", 0), ("Age", 0), ("IP", 1), ("Node", 1), ("Nominated Node", 1), ("Readiness Gates", 1)], columns);
        var row = table.Object["rows"]!.AsArray().Single()!;
        var cells = row["cells"]!.AsArray();
        Assert.Equal("web", cells[0]!.GetValue<string>());
        Assert.Equal("1/1", cells[1]!.GetValue<string>());
        Assert.Equal("Running", cells[2]!.GetValue<string>());
        Assert.Equal(2, cells[3]!.GetValue<long>());
        Assert.Equal("10.1.2.3", cells[5]!.GetValue<string>());
        Assert.Equal("node-3", cells[6]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", row["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("discovery-table", row["object"]!["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_v3_lists_group_versions_and_each_declares_server_side_field_validation()
    {
        var root = await _client.GetJsonAsync("/openapi/v3");
        var apps = root.Object["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();

        var document = await _client.GetJsonAsync(apps);

        var patch = document.Object["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("Deployment", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    private static string[] Names(JsonNode? names) => names?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("The condition did not hold within 10 s.");
    }
}
