using GitOps.Grains.Controllers.GarbageCollection;
using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Objects;
using GitOps.Store;
using static GitOps.Grains.Tests.Support.ControllerObjects;

namespace GitOps.Grains.Tests.GarbageCollection;

public sealed class GarbageCollectorGrainTests
{
    [Fact]
    public async Task Deleting_an_owner_deletes_its_dependents_in_the_background()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Owner("web"));
        await CreatePodsAsync(host, owner, 3);
        await host.CreateAsync(Pod("unrelated").Object);

        var deleted = await host.Grain(ResourceKey.Of(owner)).DeleteAsync(new DeleteRequest(), CancellationToken.None);

        Assert.Equal(ResourceOutcome.Deleted, deleted.Outcome);
        await ControllerTestHost.EventuallyAsync(() => PodNamesAsync(host), names => names.SequenceEqual(["unrelated"]), "only the unrelated pod is left");
    }

    [Fact]
    public async Task Foreground_deletion_removes_the_dependents_before_the_owner()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Owner("web"));
        await CreatePodsAsync(host, owner, 3);

        var pending = await host.Grain(ResourceKey.Of(owner)).DeleteAsync(new DeleteRequest(Finalizers.PolicyForeground), CancellationToken.None);

        Assert.Equal(ResourceOutcome.DeletionPending, pending.Outcome);
        await ControllerTestHost.EventuallyAsync(() => host.GetAsync(ResourceKey.Of(owner)), o => o is null, "the owner is gone");
        Assert.Empty(await PodNamesAsync(host));
        var deletions = await DeletionVersionsAsync(host);
        Assert.All(deletions.Where(d => d.Key.Kind == "Pod"), pod => Assert.True(pod.Value < deletions[ResourceKey.Of(owner)], $"{pod.Key} was deleted after its owner"));
    }

    [Fact]
    public async Task Orphan_deletion_keeps_the_dependents_without_references_to_the_owner()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Owner("web"));
        await CreatePodsAsync(host, owner, 2);

        await host.Grain(ResourceKey.Of(owner)).DeleteAsync(new DeleteRequest(Finalizers.PolicyOrphan), CancellationToken.None);

        await ControllerTestHost.EventuallyAsync(() => host.GetAsync(ResourceKey.Of(owner)), o => o is null, "the owner is gone");
        var pods = await host.ListAsync("", "Pod");
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Empty(p.Metadata.OwnerReferences));
    }

    [Fact]
    public async Task A_finalizer_holds_the_owner_and_its_dependents_until_it_is_removed()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var held = Owner("web");
        held.Metadata.SetFinalizers(["example.com/hold"]);
        var owner = await host.CreateAsync(held);
        await CreatePodsAsync(host, owner, 2);

        var pending = await host.Grain(ResourceKey.Of(owner)).DeleteAsync(new DeleteRequest(), CancellationToken.None);
        Assert.Equal(ResourceOutcome.DeletionPending, pending.Outcome);
        await host.CreateAsync(Pod("marker").Object);
        await ControllerTestHost.EventuallyAsync(() => PodNamesAsync(host), names => names.Contains("marker"), "a later write is visible");
        Assert.Equal(3, (await PodNamesAsync(host)).Count);

        var release = pending.Object!.DeepClone();
        release.Metadata.SetFinalizers([]);
        var released = await host.Grain(ResourceKey.Of(owner)).UpdateAsync(release, CancellationToken.None);

        Assert.Equal(ResourceOutcome.Deleted, released.Outcome);
        await ControllerTestHost.EventuallyAsync(() => PodNamesAsync(host), names => names.SequenceEqual(["marker"]), "the dependents are collected");
    }

    // A kind no controller manages, so only the garbage collector acts on its dependents.
    private static KubeObject Owner(string name)
    {
        var owner = new KubeObject("example.com/v1", "Widget", "default", name);
        owner.EnsureSpec()["size"] = 1;
        return owner;
    }

    private static async Task CreatePodsAsync(ControllerTestHost host, KubeObject owner, int count)
    {
        var reference = new OwnerReference("example.com/v1", "Widget", owner.Metadata.Name!, owner.Metadata.Uid!, Controller: true, BlockOwnerDeletion: true);
        for (var i = 0; i < count; i++)
            await host.CreateAsync(Pod($"{owner.Metadata.Name}-{i}", owner: reference).Object);
    }

    private static async Task<IReadOnlyList<string>> PodNamesAsync(ControllerTestHost host) =>
        (await host.ListAsync("", "Pod")).Select(p => p.Metadata.Name!).Order().ToArray();

    private static async Task<Dictionary<ResourceKey, long>> DeletionVersionsAsync(ControllerTestHost host)
    {
        var batch = await host.Store.ReadChangesAsync(0, 10_000, CancellationToken.None);
        return batch.Events.Where(e => e.Type == ChangeType.Deleted).ToDictionary(e => e.Key, e => e.ResourceVersion);
    }
}
