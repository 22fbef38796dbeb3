using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Model.Tests.Objects;

public sealed class ManagedFieldEntriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_replaces_only_the_managers_own_entry_and_keeps_it_when_unchanged()
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", "settings");
        var owned = FieldSet.Declared(JsonNode.Parse("""{"data":{"a":"1"}}""")!.AsObject());
        ManagedFieldEntries.Record(obj, "team-a", ManagedFieldEntries.ApplyOperation, owned, Now);
        ManagedFieldEntries.Record(obj, "team-b", ManagedFieldEntries.ApplyOperation, owned, Now);

        ManagedFieldEntries.Record(obj, "team-a", ManagedFieldEntries.ApplyOperation, owned, Now.AddHours(1));

        var entries = obj.Metadata.Node["managedFields"]!.AsArray();
        Assert.Equal(["team-a", "team-b"], entries.Select(e => e!["manager"]!.GetValue<string>()));
        Assert.Equal("2026-11-21T12:00:00Z", entries[0]!["time"]!.GetValue<string>());
        Assert.Equal(["team-a", "team-b"], ManagedFieldEntries.Appliers(obj).Select(a => a.Manager));
    }

    [Fact]
    public void Recording_an_empty_set_removes_the_entry()
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", "settings");
        ManagedFieldEntries.Record(obj, "ci", ManagedFieldEntries.ApplyOperation, FieldSet.Declared(JsonNode.Parse("""{"data":{"a":"1"}}""")!.AsObject()), Now);

        ManagedFieldEntries.Record(obj, "ci", ManagedFieldEntries.ApplyOperation, FieldSet.Declared([]), Now);

        Assert.Null(obj.Metadata.Node["managedFields"]);
    }
}
