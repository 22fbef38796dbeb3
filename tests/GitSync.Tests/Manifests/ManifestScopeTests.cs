using System.Text;
using GitOps.GitSync.Git;
using GitOps.GitSync.Manifests;
using GitOps.GitSync.Planning;

namespace GitOps.GitSync.Tests.Manifests;

public sealed class ManifestScopeTests
{
    private const string Manifests = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: "system:widget-reader"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w
        ---
        apiVersion: example.com/v1
        kind: Namespace
        metadata:
          name: not-a-core-namespace
        """;

    [Fact]
    public void Objects_without_a_namespace_go_to_default_unless_the_kind_registry_says_their_kind_is_cluster_scoped()
    {
        var loaded = ManifestLoader.Parse("c1", [], [new ManifestFile("all.yaml", Encoding.UTF8.GetBytes(Manifests))]);

        Assert.Empty(loaded.Errors);
        Assert.Equal(
            ["CustomResourceDefinition/", "ClusterRole/", "ConfigMap/default", "Widget/default", "Namespace/default"],
            loaded.Objects.Select(o => $"{o.Key.Kind}/{o.Key.Namespace}"));
    }

    [Fact]
    public void Definitions_of_kinds_are_applied_first_and_custom_resources_last()
    {
        var loaded = ManifestLoader.Parse("c1", [], [new ManifestFile("all.yaml", Encoding.UTF8.GetBytes(Manifests))]);

        var plan = SyncPlanner.Plan(new PlanInput(loaded.Objects, new HashSet<string>(), [], new Dictionary<string, InventoryEntry>(), true, new HashSet<string>()));

        Assert.Equal(["CustomResourceDefinition", "ClusterRole,ConfigMap", "Namespace,Widget"],
            plan.Steps.Select(s => string.Join(",", s.Select(a => a.Key.Kind).Order(StringComparer.Ordinal))));
    }
}
