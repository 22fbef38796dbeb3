using GitOps.Model.Objects;
using static GitOps.Store.Tests.TestObjects;

namespace GitOps.Store.Tests;

public abstract partial class ResourceStoreTestsBase
{
    [Fact]
    public async Task Create_stamps_the_new_resource_version_into_the_stored_object()
    {
        var result = await CreateAsync(ConfigMap("default", "settings"));

        var stored = await Store.GetAsync(new ResourceKey("", "ConfigMap", "default", "settings"), Ct);
        Assert.NotNull(stored);
        Assert.Equal(result.ResourceVersion.ToString(), stored.Metadata.ResourceVersion);
        Assert.Equal(result.ResourceVersion.ToString(), result.Object!.Metadata.ResourceVersion);
        Assert.Equal("v", stored.Root["data"]!["key"]!.GetValue<string>());
        Assert.Equal(result.ResourceVersion, await Store.GetCurrentResourceVersionAsync(Ct));
    }

    [Fact]
    public async Task Write_leaves_the_callers_object_unchanged()
    {
        var map = ConfigMap("default", "settings");

        await CreateAsync(map);

        Assert.Null(map.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Resource_versions_increase_across_kinds_and_namespaces()
    {
        var versions = new List<long>
        {
            (await CreateAsync(ConfigMap("a", "one"))).ResourceVersion,
            (await CreateAsync(Deployment("b", "web"))).ResourceVersion,
            (await CreateAsync(Namespace("a"))).ResourceVersion,
            (await Store.WriteAsync(ResourceWrite.Update(WithData(ConfigMap("a", "one"), "w")), Ct)).ResourceVersion,
            (await Store.WriteAsync(ResourceWrite.Delete(new ResourceKey("apps", "Deployment", "b", "web")), Ct)).ResourceVersion,
        };

        Assert.Equal([1, 2, 3, 4, 5], versions.Select(v => v - versions[0] + 1));
    }

    [Fact]
    public async Task Create_of_an_existing_object_answers_AlreadyExists_with_the_stored_object()
    {
        var first = await CreateAsync(ConfigMap("default", "settings", "first"));

        var second = await Store.WriteAsync(ResourceWrite.Create(ConfigMap("default", "settings", "second")), Ct);

        Assert.Equal(WriteOutcome.AlreadyExists, second.Outcome);
        Assert.Equal(first.ResourceVersion, second.ResourceVersion);
        Assert.Equal("first", second.Object!.Root["data"]!["key"]!.GetValue<string>());
        Assert.Equal(first.ResourceVersion, await Store.GetCurrentResourceVersionAsync(Ct));
    }

    [Fact]
    public async Task Update_and_delete_of_a_missing_object_answer_NotFound()
    {
        var update = await Store.WriteAsync(ResourceWrite.Update(ConfigMap("default", "missing")), Ct);
        var delete = await Store.WriteAsync(ResourceWrite.Delete(new ResourceKey("", "ConfigMap", "default", "missing")), Ct);

        Assert.Equal(WriteOutcome.NotFound, update.Outcome);
        Assert.Equal(WriteOutcome.NotFound, delete.Outcome);
        Assert.Equal(0, await Store.GetCurrentResourceVersionAsync(Ct));
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_answers_Conflict_and_keeps_the_stored_object()
    {
        var created = await CreateAsync(ConfigMap("default", "settings", "first"));
        var updated = await Store.WriteAsync(ResourceWrite.Update(WithData(created.Object!, "second"), created.ResourceVersion), Ct);
        Assert.Equal(WriteOutcome.Ok, updated.Outcome);

        var stale = await Store.WriteAsync(ResourceWrite.Update(WithData(created.Object!, "third"), created.ResourceVersion), Ct);

        Assert.Equal(WriteOutcome.Conflict, stale.Outcome);
        Assert.Equal(updated.ResourceVersion, stale.ResourceVersion);
        Assert.Equal("second", stale.Object!.Root["data"]!["key"]!.GetValue<string>());
        var stored = await Store.GetAsync(ResourceKey.Of(created.Object!), Ct);
        Assert.Equal("second", stored!.Root["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_with_a_stale_resource_version_answers_Conflict()
    {
        var created = await CreateAsync(ConfigMap("default", "settings"));
        await Store.WriteAsync(ResourceWrite.Update(WithData(created.Object!, "x")), Ct);

        var delete = await Store.WriteAsync(ResourceWrite.Delete(ResourceKey.Of(created.Object!), created.ResourceVersion), Ct);

        Assert.Equal(WriteOutcome.Conflict, delete.Outcome);
        Assert.NotNull(await Store.GetAsync(ResourceKey.Of(created.Object!), Ct));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_returns_its_last_state_with_the_deletion_version()
    {
        var created = await CreateAsync(ConfigMap("default", "settings", "last"));

        var deleted = await Store.WriteAsync(ResourceWrite.Delete(ResourceKey.Of(created.Object!), created.ResourceVersion), Ct);

        Assert.Equal(WriteOutcome.Ok, deleted.Outcome);
        Assert.Equal(created.ResourceVersion + 1, deleted.ResourceVersion);
        Assert.Equal("last", deleted.Object!.Root["data"]!["key"]!.GetValue<string>());
        Assert.Equal(deleted.ResourceVersion.ToString(), deleted.Object.Metadata.ResourceVersion);
        Assert.Null(await Store.GetAsync(ResourceKey.Of(created.Object!), Ct));
    }

    [Fact]
    public async Task A_batch_checks_each_precondition_on_its_own_and_numbers_only_the_writes_that_succeed()
    {
        var existing = await CreateAsync(ConfigMap("default", "existing"));

        var results = await Store.WriteBatchAsync(
        [
            ResourceWrite.Create(ConfigMap("default", "new-1")),
            ResourceWrite.Create(ConfigMap("default", "existing")),
            ResourceWrite.Update(WithData(existing.Object!, "changed"), existing.ResourceVersion),
            ResourceWrite.Update(ConfigMap("default", "missing")),
            ResourceWrite.Update(WithData(existing.Object!, "stale"), existing.ResourceVersion),
            ResourceWrite.Create(ConfigMap("default", "new-2")),
            ResourceWrite.Delete(new ResourceKey("", "ConfigMap", "default", "new-1")),
        ], Ct);

        Assert.Equal(
            [WriteOutcome.Ok, WriteOutcome.AlreadyExists, WriteOutcome.Ok, WriteOutcome.NotFound, WriteOutcome.Conflict, WriteOutcome.Ok, WriteOutcome.Ok],
            results.Select(r => r.Outcome));
        var start = existing.ResourceVersion;
        Assert.Equal([start + 1, start + 2, start + 3, start + 4], results.Where(r => r.Succeeded).Select(r => r.ResourceVersion));
        Assert.Equal("changed", results[4].Object!.Root["data"]!["key"]!.GetValue<string>());
        Assert.Equal(results[2].ResourceVersion, results[4].ResourceVersion);
        Assert.Null(await Store.GetAsync(new ResourceKey("", "ConfigMap", "default", "new-1"), Ct));
        Assert.NotNull(await Store.GetAsync(new ResourceKey("", "ConfigMap", "default", "new-2"), Ct));
        var changes = await ReadAllChangesAsync(start);
        Assert.Equal([ChangeType.Added, ChangeType.Modified, ChangeType.Added, ChangeType.Deleted], changes.Select(c => c.Type));
    }

    [Fact]
    public async Task A_batch_of_creates_and_updates_of_distinct_keys_checks_each_and_stamps_each_stored_object_and_event()
    {
        var existing = await CreateAsync(ConfigMap("default", "existing"));
        var other = await CreateAsync(ConfigMap("default", "other", "before"));

        var results = await Store.WriteBatchAsync(
        [
            ResourceWrite.Create(ConfigMap("default", "new-1")),
            ResourceWrite.Create(ConfigMap("default", "existing", "refused")),
            ResourceWrite.Update(WithData(other.Object!, "stale"), other.ResourceVersion - 1),
            ResourceWrite.Update(ConfigMap("default", "missing")),
            ResourceWrite.Update(WithData(existing.Object!, "changed")),
            ResourceWrite.Create(ConfigMap("default", "new-2")),
        ], Ct);

        Assert.Equal(
            [WriteOutcome.Ok, WriteOutcome.AlreadyExists, WriteOutcome.Conflict, WriteOutcome.NotFound, WriteOutcome.Ok, WriteOutcome.Ok],
            results.Select(r => r.Outcome));
        var start = other.ResourceVersion;
        Assert.Equal([start + 1, start + 2, start + 3], results.Where(r => r.Succeeded).Select(r => r.ResourceVersion));
        Assert.Equal((existing.ResourceVersion, "v"), (results[1].ResourceVersion, results[1].Object!.Root["data"]!["key"]!.GetValue<string>()));
        Assert.Equal((other.ResourceVersion, "before"), (results[2].ResourceVersion, results[2].Object!.Root["data"]!["key"]!.GetValue<string>()));
        Assert.Null(results[3].Object);
        foreach (var written in results.Where(r => r.Succeeded))
        {
            Assert.Equal(written.ResourceVersion.ToString(), written.Object!.Metadata.ResourceVersion);
            var stored = await Store.GetAsync(ResourceKey.Of(written.Object), Ct);
            Assert.Equal(written.ResourceVersion.ToString(), stored!.Metadata.ResourceVersion);
        }
        var changes = await ReadAllChangesAsync(start);
        Assert.Equal([ChangeType.Added, ChangeType.Modified, ChangeType.Added], changes.Select(c => c.Type));
        Assert.Equal(changes.Select(c => c.ResourceVersion.ToString()), changes.Select(c => c.Object.Metadata.ResourceVersion));
        Assert.Equal(start + 3, await Store.GetCurrentResourceVersionAsync(Ct));
    }

    [Fact]
    public async Task A_write_whose_object_does_not_match_its_key_is_rejected()
    {
        var write = new ResourceWrite(WriteKind.Update, new ResourceKey("", "ConfigMap", "default", "a"), ConfigMap("default", "b"));

        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(write, Ct));
    }

    [Fact]
    public async Task Concurrent_gets_each_answer_their_own_object_or_null()
    {
        await Store.WriteBatchAsync(Enumerable.Range(0, 200).Select(i => ResourceWrite.Create(ConfigMap($"ns{i % 3}", $"m{i}", $"{i}"))).ToList(), Ct);

        var reads = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            Task.Run(() => Store.GetAsync(new ResourceKey("", "ConfigMap", $"ns{i % 3}", $"m{i}"), Ct))));

        for (var i = 0; i < 300; i++)
        {
            if (i < 200)
                Assert.Equal($"{i}", reads[i]!.Root["data"]!["key"]!.GetValue<string>());
            else
                Assert.Null(reads[i]);
        }
    }
}
