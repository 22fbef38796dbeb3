using GitOps.Model.Objects;
using static GitOps.Store.Tests.TestObjects;

namespace GitOps.Store.Tests;

public abstract partial class ResourceStoreTestsBase
{
    [Fact]
    public async Task Change_log_records_added_modified_and_deleted_with_the_object_after_each_write()
    {
        var created = await CreateAsync(ConfigMap("default", "settings", "one"));
        var updated = await Store.WriteAsync(ResourceWrite.Update(WithData(created.Object!, "two")), Ct);
        var deleted = await Store.WriteAsync(ResourceWrite.Delete(ResourceKey.Of(created.Object!)), Ct);

        var changes = await ReadAllChangesAsync();

        Assert.Equal([ChangeType.Added, ChangeType.Modified, ChangeType.Deleted], changes.Select(c => c.Type));
        Assert.Equal([created.ResourceVersion, updated.ResourceVersion, deleted.ResourceVersion], changes.Select(c => c.ResourceVersion));
        Assert.Equal(["one", "two", "two"], changes.Select(c => c.Object.Root["data"]!["key"]!.GetValue<string>()));
        Assert.All(changes, c => Assert.Equal(c.ResourceVersion.ToString(), c.Object.Metadata.ResourceVersion));
        Assert.All(changes, c => Assert.Equal(new ResourceKey("", "ConfigMap", "default", "settings"), c.Key));
    }

    [Fact]
    public async Task Change_log_is_ordered_and_gapless_under_concurrent_writers()
    {
        const int writers = 16;
        const int writesPerWriter = 50;
        var start = await Store.GetCurrentResourceVersionAsync(Ct);

        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var succeeded = new List<WriteResult>();
            for (var i = 0; i < writesPerWriter; i++)
            {
                var name = $"w{w}-{i % 10}";
                var write = i < 10
                    ? ResourceWrite.Create(ConfigMap($"ns{w % 3}", name, $"{i}"))
                    : i % 7 == 0
                        ? ResourceWrite.Delete(new ResourceKey("", "ConfigMap", $"ns{w % 3}", name))
                        : ResourceWrite.Update(ConfigMap($"ns{w % 3}", name, $"{i}"));
                var result = await Store.WriteAsync(write, Ct);
                if (result.Succeeded)
                    succeeded.Add(result);
            }
            return succeeded;
        })));

        var successful = perWriter.SelectMany(r => r).ToList();
        var changes = await ReadAllChangesAsync(start);
        Assert.Equal(Enumerable.Range(1, changes.Count).Select(i => start + i), changes.Select(c => c.ResourceVersion));
        Assert.Equal(successful.Count, changes.Count);
        Assert.Equal(
            successful.Select(r => r.ResourceVersion).Order(),
            changes.Select(c => c.ResourceVersion));
        var byVersion = successful.ToDictionary(r => r.ResourceVersion);
        Assert.All(changes, c => Assert.Equal(byVersion[c.ResourceVersion].Object!.ToJson(), c.Object.ToJson()));
        Assert.Equal(start + changes.Count, await Store.GetCurrentResourceVersionAsync(Ct));
    }

    [Fact]
    public async Task ReadChanges_returns_at_most_max_events_from_the_given_version()
    {
        for (var i = 0; i < 5; i++)
            await CreateAsync(ConfigMap("default", $"m{i}"));

        var batch = await Store.ReadChangesAsync(2, 2, Ct);

        Assert.False(batch.Expired);
        Assert.Equal([3L, 4L], batch.Events.Select(e => e.ResourceVersion));
        Assert.Equal(["m2", "m3"], batch.Events.Select(e => e.Key.Name));
    }

    [Fact]
    public async Task ReadChanges_from_a_compacted_version_answers_Expired()
    {
        for (var i = 0; i < 6; i++)
            await CreateAsync(ConfigMap("default", $"m{i}"));

        var removed = await Store.CompactAsync(TimeSpan.Zero, keepLatest: 2, Ct);

        Assert.Equal(4, removed);
        var expired = await Store.ReadChangesAsync(1, 100, Ct);
        Assert.True(expired.Expired);
        Assert.Empty(expired.Events);
        Assert.Equal(5, expired.OldestAvailable);
        var fromCompactionPoint = await Store.ReadChangesAsync(4, 100, Ct);
        Assert.False(fromCompactionPoint.Expired);
        Assert.Equal([5L, 6L], fromCompactionPoint.Events.Select(e => e.ResourceVersion));
    }

    [Fact]
    public async Task Compaction_keeps_events_newer_than_the_age_limit()
    {
        for (var i = 0; i < 3; i++)
            await CreateAsync(ConfigMap("default", $"m{i}"));

        var removed = await Store.CompactAsync(TimeSpan.FromHours(1), keepLatest: 0, Ct);

        Assert.Equal(0, removed);
        Assert.False((await Store.ReadChangesAsync(0, 100, Ct)).Expired);
    }

    [Fact]
    public async Task WaitForChanges_completes_at_once_when_a_newer_change_is_committed()
    {
        await CreateAsync(ConfigMap("default", "a"));

        await Store.WaitForChangesAsync(0, Ct).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitForChanges_wakes_when_a_write_commits()
    {
        var current = await Store.GetCurrentResourceVersionAsync(Ct);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var waiting = Store.WaitForChangesAsync(current, timeout.Token);
        await Task.Delay(50, Ct);
        Assert.False(waiting.IsCompleted);

        await CreateAsync(ConfigMap("default", "a"));

        await waiting;
    }

    [Fact]
    public async Task WaitForChanges_wakes_on_a_write_through_another_store_over_the_same_storage()
    {
        var other = Track(await CreateStoreOverSameStorageAsync());
        var current = await Store.GetCurrentResourceVersionAsync(Ct);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var waiting = Store.WaitForChangesAsync(current, timeout.Token);

        await other.WriteAsync(ResourceWrite.Create(ConfigMap("default", "from-elsewhere")), Ct);

        await waiting;
    }

    [Fact]
    public async Task WaitForChanges_ends_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = Store.WaitForChangesAsync(await Store.GetCurrentResourceVersionAsync(Ct), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
