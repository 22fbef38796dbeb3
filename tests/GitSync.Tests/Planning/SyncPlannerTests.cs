using GitOps.GitSync.Planning;
using GitOps.Model.Objects;

namespace GitOps.GitSync.Tests.Planning;

public sealed class SyncPlannerTests
{
    private static readonly HashSet<string> None = [];

    [Fact]
    public void New_objects_are_created_in_dependency_order_with_sync_wave_first()
    {
        var objects = new[]
        {
            Object("apps", "Deployment", "shop", "web", "shop/web.yaml"),
            Object("", "Service", "shop", "web", "shop/web.yaml"),
            Object("", "ConfigMap", "shop", "settings", "shop/config.yaml"),
            Object("", "Namespace", "", "shop", "namespaces.yaml"),
            Object("example.com", "Widget", "shop", "w", "shop/widget.yaml"),
            Object("", "ConfigMap", "shop", "early", "shop/early.yaml", wave: "-1"),
        };

        var plan = SyncPlanner.Plan(Input(objects));

        Assert.Equal(
            ["ConfigMap/early", "Namespace/shop", "ConfigMap/settings", "Service/web", "Deployment/web", "Widget/w"],
            plan.Steps.Select(s => string.Join(",", s.Select(a => $"{a.Key.Kind}/{a.Key.Name}"))));
        Assert.All(plan.Applies, a => Assert.Equal(ApplyReason.Create, a.Reason));
    }

    [Fact]
    public void Unchanged_objects_cost_nothing_and_changed_ones_are_updated()
    {
        var web = Object("apps", "Deployment", "shop", "web", "web.yaml");
        var db = Object("apps", "Deployment", "shop", "db", "db.yaml");
        var inventory = new Dictionary<string, InventoryEntry>
        {
            [web.Key.ToString()] = Entry(web),
            [db.Key.ToString()] = Entry(db) with { DesiredHash = "old" },
        };

        var plan = SyncPlanner.Plan(Input([web, db], inventory));

        Assert.Equal([web.Key.ToString()], plan.Unchanged);
        Assert.Equal(ApplyReason.Update, Assert.Single(plan.Applies).Reason);
        Assert.Equal(db.Key, plan.Applies.Single().Key);
    }

    [Fact]
    public void Moving_an_object_to_another_file_updates_it_to_record_the_new_path()
    {
        var web = Object("apps", "Deployment", "shop", "web", "old.yaml");
        var inventory = new Dictionary<string, InventoryEntry> { [web.Key.ToString()] = Entry(web) };

        var plan = SyncPlanner.Plan(Input([web with { Path = "new.yaml" }], inventory));

        Assert.Equal(ApplyReason.Update, Assert.Single(plan.Applies).Reason);
    }

    [Fact]
    public void Objects_gone_from_git_are_pruned_workloads_first_or_kept_when_prune_is_off()
    {
        var ns = Object("", "Namespace", "", "shop", "ns.yaml");
        var web = Object("apps", "Deployment", "shop", "web", "web.yaml");
        var inventory = new Dictionary<string, InventoryEntry> { [ns.Key.ToString()] = Entry(ns), [web.Key.ToString()] = Entry(web) };

        var pruning = SyncPlanner.Plan(Input([], inventory));
        var keeping = SyncPlanner.Plan(Input([], inventory) with { Prune = false });

        Assert.Equal(["Deployment", "Namespace"], pruning.Prunes.Select(p => p.Key.Kind));
        Assert.Empty(keeping.Prunes);
        Assert.Equal(2, keeping.Kept.Count);
    }

    [Fact]
    public void Objects_of_a_failed_file_are_neither_applied_nor_pruned()
    {
        var kept = Object("apps", "Deployment", "shop", "web", "broken.yaml");
        var stillInFile = Object("", "Service", "shop", "web", "broken.yaml");
        var good = Object("", "ConfigMap", "shop", "good", "good.yaml");
        var inventory = new Dictionary<string, InventoryEntry> { [kept.Key.ToString()] = Entry(kept), [stillInFile.Key.ToString()] = Entry(stillInFile) with { DesiredHash = "old" } };
        var error = new SyncError("broken.yaml", 7, "mapping values are not allowed here");

        var plan = SyncPlanner.Plan(Input([stillInFile, good], inventory) with { FailedFiles = new HashSet<string> { "broken.yaml" }, LoadErrors = [error] });

        Assert.Equal(good.Key, Assert.Single(plan.Applies).Key);
        Assert.Empty(plan.Prunes);
        Assert.Equal([stillInFile.Key.ToString(), kept.Key.ToString()], plan.Held.Order(StringComparer.Ordinal));
        Assert.Equal(error, Assert.Single(plan.Errors));
    }

    [Fact]
    public void Duplicates_are_reported_at_both_places_and_neither_wins()
    {
        var first = Object("", "ConfigMap", "shop", "settings", "a.yaml", line: 3);
        var second = Object("", "ConfigMap", "shop", "settings", "b.yaml", line: 9);
        var inventory = new Dictionary<string, InventoryEntry> { [first.Key.ToString()] = Entry(first) };

        var plan = SyncPlanner.Plan(Input([first, second], inventory));

        Assert.Empty(plan.Applies);
        Assert.Empty(plan.Prunes);
        Assert.Equal(2, plan.Errors.Count);
        Assert.Contains(plan.Errors, e => e.Path == "a.yaml" && e.Line == 3 && e.Message.Contains("b.yaml:9", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Path == "b.yaml" && e.Line == 9 && e.Message.Contains("a.yaml:3", StringComparison.Ordinal));
    }

    [Fact]
    public void Drifted_objects_are_reapplied_although_git_did_not_change()
    {
        var web = Object("apps", "Deployment", "shop", "web", "web.yaml");
        var inventory = new Dictionary<string, InventoryEntry> { [web.Key.ToString()] = Entry(web) };

        var plan = SyncPlanner.Plan(Input([web], inventory) with { Drifted = new HashSet<string> { web.Key.ToString() } });

        Assert.Equal(ApplyReason.RepairDrift, Assert.Single(plan.Applies).Reason);
    }

    [Fact]
    public void Invalid_sync_wave_is_a_located_error()
    {
        var bad = Object("", "ConfigMap", "shop", "x", "x.yaml", wave: "first", line: 4);

        var plan = SyncPlanner.Plan(Input([bad]));

        Assert.Empty(plan.Applies);
        var error = Assert.Single(plan.Errors);
        Assert.Equal(("x.yaml", 4), (error.Path, error.Line));
        Assert.Contains("gitops.io/sync-wave", error.Message);
    }

    [Fact]
    public void Content_hash_ignores_property_order()
    {
        var a = KubeObject.FromJson("""{"kind":"ConfigMap","metadata":{"name":"x","labels":{"a":"1","b":"2"}},"data":{"k":"v"}}""");
        var b = KubeObject.FromJson("""{"data":{"k":"v"},"metadata":{"labels":{"b":"2","a":"1"},"name":"x"},"kind":"ConfigMap"}""");
        var c = KubeObject.FromJson("""{"data":{"k":"w"},"metadata":{"labels":{"b":"2","a":"1"},"name":"x"},"kind":"ConfigMap"}""");

        Assert.Equal(ContentHash.Of(a.Root), ContentHash.Of(b.Root));
        Assert.NotEqual(ContentHash.Of(a.Root), ContentHash.Of(c.Root));
    }

    private static PlanInput Input(IReadOnlyList<LocatedObject> objects, Dictionary<string, InventoryEntry>? inventory = null) =>
        new(objects, None, [], inventory ?? [], Prune: true, None);

    private static InventoryEntry Entry(LocatedObject located) =>
        new(located.Path, ContentHash.Of(located.Object.Root, located.Path), 1, "live");

    private static LocatedObject Object(string group, string kind, string ns, string name, string path, string? wave = null, int line = 1)
    {
        var obj = new KubeObject(group.Length == 0 ? "v1" : $"{group}/v1", kind, ns, name);
        if (wave is not null)
            obj.Metadata.SetAnnotation(GitOpsMetadata.SyncWaveAnnotation, wave);
        return new LocatedObject(ResourceKey.Of(obj), obj, path, line);
    }
}
