using GitOps.Gateway.Auth;
using GitOps.Gateway.Auth.Rbac;

namespace GitOps.Gateway.Tests.Authorization;

/// <summary>Kubernetes RBAC's rule semantics, rule by rule.</summary>
public sealed class RuleMatcherTests
{
    private static readonly UserInfo Jane = new("jane", "uid-jane", []);

    private static RequestAttributes Resource(string verb, string group, string resource, string subresource = "", string name = "", string ns = "prod") =>
        new(Jane, verb, IsResourceRequest: true, Path: "", group, "v1", resource, subresource, ns, name);

    private static RequestAttributes Url(string verb, string path) => new(Jane, verb, IsResourceRequest: false, path);

    private static PolicyRule Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null) =>
        new(verbs, groups, resources, names ?? [], []);

    [Fact]
    public void A_rule_allows_its_verbs_on_its_resources_of_its_groups_only()
    {
        var rule = Rule(["get", "list"], [""], ["pods"]);

        Assert.True(RuleMatcher.Allows(rule, Resource("list", "", "pods")));
        Assert.True(RuleMatcher.Allows(rule, Resource("get", "", "pods", name: "web")));
        Assert.False(RuleMatcher.Allows(rule, Resource("delete", "", "pods", name: "web")));
        Assert.False(RuleMatcher.Allows(rule, Resource("list", "", "services")));
        Assert.False(RuleMatcher.Allows(rule, Resource("list", "apps", "pods")));
    }

    [Fact]
    public void Star_matches_every_verb_group_and_resource_but_not_a_subresource_named_apart()
    {
        Assert.True(RuleMatcher.Allows(Rule(["*"], ["*"], ["*"]), Resource("deletecollection", "apps", "deployments")));
        Assert.True(RuleMatcher.Allows(Rule(["*"], ["*"], ["*"]), Resource("patch", "", "pods", "status", "web")));
        Assert.False(RuleMatcher.Allows(Rule(["*"], [""], ["pods"]), Resource("patch", "", "pods", "status", "web")));
    }

    [Fact]
    public void A_subresource_is_granted_as_resource_slash_subresource_or_star_slash_subresource()
    {
        var request = Resource("update", "apps", "deployments", "scale", "web");

        Assert.True(RuleMatcher.Allows(Rule(["update"], ["apps"], ["deployments/scale"]), request));
        Assert.True(RuleMatcher.Allows(Rule(["update"], ["apps"], ["*/scale"]), request));
        Assert.False(RuleMatcher.Allows(Rule(["update"], ["apps"], ["*/status"]), request));
        Assert.False(RuleMatcher.Allows(Rule(["update"], ["apps"], ["deployments/scale"]), Resource("update", "apps", "deployments", name: "web")));
    }

    [Fact]
    public void ResourceNames_limit_a_rule_to_the_named_objects_so_an_unnamed_list_or_create_does_not_match()
    {
        var rule = Rule(["get", "list", "create"], [""], ["configmaps"], ["settings"]);

        Assert.True(RuleMatcher.Allows(rule, Resource("get", "", "configmaps", name: "settings")));
        Assert.False(RuleMatcher.Allows(rule, Resource("get", "", "configmaps", name: "other")));
        Assert.False(RuleMatcher.Allows(rule, Resource("list", "", "configmaps")));
        Assert.False(RuleMatcher.Allows(rule, Resource("create", "", "configmaps")));
    }

    [Fact]
    public void NonResourceURLs_match_exactly_or_by_a_prefix_ending_in_star_and_never_a_resource_request()
    {
        var rule = PolicyRule.ForUrls(["/healthz", "/apis/*"], "get");

        Assert.True(RuleMatcher.Allows(rule, Url("get", "/healthz")));
        Assert.False(RuleMatcher.Allows(rule, Url("get", "/healthz/etcd")));
        Assert.True(RuleMatcher.Allows(rule, Url("get", "/apis/apps/v1")));
        Assert.False(RuleMatcher.Allows(rule, Url("post", "/apis/apps/v1")));
        Assert.False(RuleMatcher.Allows(rule, Resource("get", "", "healthz")));
        Assert.True(RuleMatcher.Allows(PolicyRule.ForUrls(["*"], "*"), Url("delete", "/anything")));
    }

    [Fact]
    public void A_resource_rule_never_matches_a_non_resource_request()
    {
        Assert.False(RuleMatcher.Allows(Rule(["*"], ["*"], ["*"]), Url("get", "/metrics")));
    }

    [Fact]
    public void Rules_are_read_from_a_role_object_as_Kubernetes_spells_them()
    {
        var rules = PolicyRule.ListOf(System.Text.Json.Nodes.JsonNode.Parse("""
            [{"apiGroups":[""],"resources":["pods","pods/status"],"verbs":["get"],"resourceNames":["web"]},
             {"nonResourceURLs":["/metrics"],"verbs":["get"]}, "not a rule"]
            """));

        Assert.Equal(2, rules.Count);
        Assert.True(RuleMatcher.Allows(rules, Resource("get", "", "pods", "status", "web")));
        Assert.False(RuleMatcher.Allows(rules, Resource("get", "", "pods", "status", "db")));
        Assert.True(RuleMatcher.Allows(rules, Url("get", "/metrics")));
    }
}
