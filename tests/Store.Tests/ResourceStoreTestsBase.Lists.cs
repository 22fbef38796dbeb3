using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using static GitOps.Store.Tests.TestObjects;

namespace GitOps.Store.Tests;

public abstract partial class ResourceStoreTestsBase
{
    [Fact]
    public async Task List_returns_one_type_in_namespace_then_name_order()
    {
        await CreateAsync(Pod("b", "z"));
        await CreateAsync(Pod("a", "y"));
        await CreateAsync(Pod("b", "a"));
        await CreateAsync(ConfigMap("a", "not-a-pod"));
        await CreateAsync(new KubeObject("example.com/v1", "Pod", "a", "other-group"));

        var all = await Store.ListAsync(new ListQuery(PodType), Ct);
        var inB = await Store.ListAsync(new ListQuery(PodType, Namespace: "b"), Ct);

        Assert.Equal(["a/y", "b/a", "b/z"], Names(all));
        Assert.Equal(["b/a", "b/z"], Names(inB));
        Assert.Null(all.Continue);
        Assert.Equal(await Store.GetCurrentResourceVersionAsync(Ct), all.ResourceVersion);
    }

    [Fact]
    public async Task List_of_cluster_scoped_objects_orders_by_name()
    {
        await CreateAsync(Namespace("prod"));
        await CreateAsync(Namespace("dev"));

        var page = await Store.ListAsync(new ListQuery(new ResourceType("", "Namespace")), Ct);

        Assert.Equal(["/dev", "/prod"], Names(page));
    }

    public static TheoryData<string, SelectorOperator, string[], string[]> LabelCases() => new()
    {
        { "app", SelectorOperator.Equals, ["web"], ["p-web-prod", "p-web-dev"] },
        { "app", SelectorOperator.NotEquals, ["web"], ["p-db", "p-bare", "p-tier5"] },
        { "env", SelectorOperator.In, ["prod", "dev"], ["p-web-prod", "p-web-dev", "p-db"] },
        { "env", SelectorOperator.NotIn, ["prod"], ["p-web-dev", "p-bare", "p-tier5"] },
        { "env", SelectorOperator.Exists, [], ["p-web-prod", "p-web-dev", "p-db"] },
        { "env", SelectorOperator.DoesNotExist, [], ["p-bare", "p-tier5"] },
        { "tier", SelectorOperator.GreaterThan, ["3"], ["p-tier5"] },
        { "tier", SelectorOperator.LessThan, ["3"], ["p-web-prod"] },
        { "tier", SelectorOperator.GreaterThan, ["x"], [] },
    };

    [Theory]
    [MemberData(nameof(LabelCases))]
    public async Task List_filters_by_each_label_selector_operator(string key, SelectorOperator op, string[] values, string[] expected)
    {
        await CreateAsync(Pod("default", "p-web-prod", Labels("app=web", "env=prod", "tier=1")));
        await CreateAsync(Pod("default", "p-web-dev", Labels("app=web", "env=dev", "tier=abc")));
        await CreateAsync(Pod("default", "p-db", Labels("app=db", "env=prod")));
        await CreateAsync(Pod("default", "p-bare"));
        await CreateAsync(Pod("default", "p-tier5", Labels("tier=5")));

        var page = await Store.ListAsync(new ListQuery(PodType, Labels: new LabelSelector([new LabelRequirement(key, op, values)])), Ct);

        Assert.Equal(expected.Order(StringComparer.Ordinal), page.Items.Select(i => i.Metadata.Name!));
    }

    [Fact]
    public async Task List_combines_label_requirements_as_a_conjunction()
    {
        await CreateAsync(Pod("default", "a", Labels("app=web", "env=prod")));
        await CreateAsync(Pod("default", "b", Labels("app=web", "env=dev")));
        var selector = new LabelSelector(
        [
            new LabelRequirement("app", SelectorOperator.Equals, ["web"]),
            new LabelRequirement("env", SelectorOperator.NotIn, ["dev"]),
        ]);

        var page = await Store.ListAsync(new ListQuery(PodType, Labels: selector), Ct);

        Assert.Equal(["default/a"], Names(page));
    }

    public static TheoryData<string, bool, string, string[]> FieldCases() => new()
    {
        { "metadata.name", false, "p1", ["a/p1"] },
        { "metadata.namespace", false, "b", ["b/p3"] },
        { "metadata.namespace", true, "a", ["b/p3"] },
        { "spec.nodeName", false, "node-1", ["a/p1", "b/p3"] },
        { "spec.nodeName", false, "", ["a/p2"] },
        { "spec.nodeName", true, "", ["a/p1", "b/p3"] },
        { "status.phase", false, "Running", ["a/p1"] },
        { "status.phase", true, "Running", ["a/p2", "b/p3"] },
    };

    [Theory]
    [MemberData(nameof(FieldCases))]
    public async Task List_filters_by_field_selectors_where_an_absent_field_is_empty(string field, bool negated, string value, string[] expected)
    {
        await CreateAsync(Pod("a", "p1", nodeName: "node-1", phase: "Running"));
        await CreateAsync(Pod("a", "p2", phase: "Pending"));
        await CreateAsync(Pod("b", "p3", nodeName: "node-1"));

        var page = await Store.ListAsync(new ListQuery(PodType, Fields: new FieldSelector([new FieldRequirement(field, negated, value)])), Ct);

        Assert.Equal(expected, Names(page));
    }
}
