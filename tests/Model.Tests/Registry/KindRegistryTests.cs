using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.Model.Registry;
using GitOps.Model.Validation;

namespace GitOps.Model.Tests.Registry;

public sealed class KindRegistryTests
{
    [Fact]
    public void Each_kind_is_listed_once_per_group_and_each_plural_once_per_group_version()
    {
        var kinds = KindRegistry.BuiltIn;

        Assert.Equal(kinds.Count, kinds.Select(k => k.Type).Distinct().Count());
        Assert.Equal(kinds.Count, kinds.Select(k => (k.Group, k.Version, k.Plural)).Distinct().Count());
    }

    [Fact]
    public void Short_names_are_unique_and_never_another_kinds_plural()
    {
        var shortNames = KindRegistry.BuiltIn.SelectMany(k => k.ShortNames).ToArray();
        var plurals = KindRegistry.BuiltIn.Select(k => k.Plural).ToHashSet();

        Assert.Equal(shortNames.Length, shortNames.Distinct().Count());
        Assert.DoesNotContain(shortNames, plurals.Contains);
    }

    [Fact]
    public void Plurals_and_short_names_are_lower_case_and_kinds_start_upper_case()
    {
        foreach (var kind in KindRegistry.BuiltIn)
        {
            Assert.Equal(kind.Plural.ToLowerInvariant(), kind.Plural);
            Assert.All(kind.ShortNames, s => Assert.Equal(s.ToLowerInvariant(), s));
            Assert.True(char.IsUpper(kind.Kind[0]), kind.Kind);
            Assert.Equal(kind.Kind.ToLowerInvariant(), kind.Singular);
        }
    }

    [Fact]
    public void Every_kind_with_scale_or_a_fresh_status_phase_has_a_status_subresource()
    {
        foreach (var kind in KindRegistry.BuiltIn)
        {
            if (kind.HasScale || kind.StatusOnCreate.Resets)
                Assert.True(kind.HasStatus, $"{kind.Type} resets status or serves scale but has no status subresource");
        }
    }

    [Fact]
    public void Apply_ranks_are_within_the_known_steps_and_only_workloads_of_apps_batch_and_pods_are_workloads()
    {
        Assert.All(KindRegistry.BuiltIn, k => Assert.InRange(k.ApplyRank, ApplyRanks.Namespaces, ApplyRanks.Others));
        Assert.Equal(
            ["CronJob.batch", "DaemonSet.apps", "Deployment.apps", "Job.batch", "Pod", "ReplicaSet.apps", "StatefulSet.apps"],
            KindRegistry.BuiltIn.Where(k => k.ApplyRank == ApplyRanks.Workloads).Select(k => k.Type.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_kind_is_found_by_group_and_kind_and_by_group_version_and_plural()
    {
        var byKind = KindRegistry.Find("apps", "Deployment");
        var byPath = KindRegistry.Find("apps", "v1", "deployments");

        Assert.NotNull(byKind);
        Assert.Same(byKind, byPath);
        Assert.Same(byKind, KindRegistry.Find(new ResourceType("apps", "Deployment")));
        Assert.Equal(["deploy"], byKind.ShortNames);
        Assert.True(byKind.Namespaced);
        Assert.True(byKind.HasScale);
        Assert.Null(KindRegistry.Find("", "Deployment"));
        Assert.Null(KindRegistry.Find("apps", "v2", "deployments"));
    }

    [Theory]
    [InlineData("", "Pod", "Pending")]
    [InlineData("", "Namespace", "Active")]
    public void Pods_and_namespaces_start_in_their_first_phase(string group, string kind, string phase)
    {
        var rule = KindRegistry.StatusOnCreateOf(new ResourceType(group, kind));

        Assert.True(rule.Resets);
        Assert.Equal(new JsonObject { ["phase"] = phase }.ToJsonString(), rule.FreshStatus()!.ToJsonString());
    }

    [Theory]
    [InlineData("networking.k8s.io", "Ingress")]
    [InlineData("", "ResourceQuota")]
    [InlineData("", "Service")]
    [InlineData("apps", "Deployment")]
    [InlineData("policy", "PodDisruptionBudget")]
    public void Kinds_whose_status_controllers_write_start_without_status(string group, string kind)
    {
        var rule = KindRegistry.StatusOnCreateOf(new ResourceType(group, kind));

        Assert.True(rule.Resets);
        Assert.Null(rule.FreshStatus());
    }

    [Theory]
    [InlineData("", "Node")]
    [InlineData("", "ConfigMap")]
    [InlineData("coordination.k8s.io", "Lease")]
    [InlineData("example.com", "Widget")]
    public void Nodes_kinds_without_a_status_subresource_and_custom_resources_keep_the_sent_status(string group, string kind) =>
        Assert.False(KindRegistry.StatusOnCreateOf(new ResourceType(group, kind)).Resets);

    [Theory]
    [InlineData("", "Namespace", NameRule.Dns1123Label)]
    [InlineData("", "Service", NameRule.Dns1035Label)]
    [InlineData("rbac.authorization.k8s.io", "ClusterRole", NameRule.PathSegment)]
    [InlineData("apps", "Deployment", NameRule.Dns1123Subdomain)]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", NameRule.Dns1123Subdomain)]
    [InlineData("example.com", "Service", NameRule.PathSegment)]
    public void Names_follow_the_rule_of_the_kind_in_its_group(string group, string kind, NameRule rule) =>
        Assert.Equal(rule, KindRegistry.NameRuleOf(new ResourceType(group, kind)));

    [Fact]
    public void Kinds_the_registry_does_not_list_are_namespaced_applied_last_and_served_as_custom_resources()
    {
        var type = new ResourceType("widgets.example.com", "Gadget");

        Assert.Null(KindRegistry.Find(type));
        Assert.True(KindRegistry.IsNamespaced(type));
        Assert.Equal(ApplyRanks.Others, KindRegistry.ApplyRankOf(type));
        var custom = KindRegistry.CustomResource("widgets.example.com", "v1alpha1", "Gadget", KindScope.Cluster);
        Assert.Equal(("gadgets", "widgets.example.com/v1alpha1", false), (custom.Plural, custom.ApiVersion, custom.Namespaced));
        Assert.True(custom.HasStatus);
        Assert.False(custom.HasScale);
        Assert.False(custom.StatusOnCreate.Resets);
    }

    [Theory]
    [InlineData("Widget", "widgets")]
    [InlineData("Ingress", "ingresses")]
    [InlineData("Policy", "policies")]
    [InlineData("Gateway", "gateways")]
    public void Unknown_kinds_get_the_plural_kubectl_guesses(string kind, string plural) =>
        Assert.Equal(plural, KindRegistry.GuessPlural(kind));

    [Fact]
    public void Cluster_scoped_kinds_are_the_ones_kubernetes_serves_outside_namespaces()
    {
        Assert.False(KindRegistry.IsNamespaced(new ResourceType("", "Namespace")));
        Assert.False(KindRegistry.IsNamespaced(new ResourceType("", "PersistentVolume")));
        Assert.False(KindRegistry.IsNamespaced(new ResourceType("apiextensions.k8s.io", "CustomResourceDefinition")));
        Assert.True(KindRegistry.IsNamespaced(new ResourceType("", "PersistentVolumeClaim")));
        Assert.True(KindRegistry.IsNamespaced(new ResourceType("rbac.authorization.k8s.io", "Role")));
    }
}
