using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Tests.Resources;

public abstract partial class ResourceGrainTestsBase
{
    [Fact]
    public async Task Delete_without_finalizers_removes_the_object_and_returns_its_last_state()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var result = await GrainOf(created).DeleteAsync(new DeleteRequest(), Ct);

        Assert.Equal(ResourceOutcome.Deleted, result.Outcome);
        Assert.Equal(2, Replicas(result.Object!));
        Assert.Null(await Store.GetAsync(ResourceKey.Of(created), Ct));
        Assert.Equal(ResourceOutcome.NotFound, (await GrainOf(created).DeleteAsync(new DeleteRequest(), Ct)).Outcome);
    }

    [Fact]
    public async Task Delete_of_an_object_with_finalizers_waits_until_an_update_clears_the_last_one()
    {
        var created = await CreateAsync(Edited(Deployment("web", 2), o => o.Metadata.SetFinalizers(["example.com/a", "example.com/b"])));
        var grain = GrainOf(created);

        var pending = await grain.DeleteAsync(new DeleteRequest(), Ct);
        Assert.Equal(ResourceOutcome.DeletionPending, pending.Outcome);
        Assert.NotNull(pending.Object!.Metadata.DeletionTimestamp);
        Assert.NotNull(await Store.GetAsync(ResourceKey.Of(created), Ct));

        var again = await grain.DeleteAsync(new DeleteRequest(), Ct);
        Assert.Equal(ResourceOutcome.DeletionPending, again.Outcome);
        Assert.Equal(pending.Object.Metadata.ResourceVersion, again.Object!.Metadata.ResourceVersion);

        var oneLeft = await grain.UpdateAsync(Edited(pending.Object, o => o.Metadata.SetFinalizers(["example.com/b"])), Ct);
        Assert.Equal(ResourceOutcome.Updated, oneLeft.Outcome);
        Assert.NotNull(await Store.GetAsync(ResourceKey.Of(created), Ct));

        var before = await StoreVersionAsync();
        var last = await grain.UpdateAsync(Edited(oneLeft.Object!, o => o.Metadata.SetFinalizers([])), Ct);
        Assert.Equal(ResourceOutcome.Deleted, last.Outcome);
        Assert.Null(await Store.GetAsync(ResourceKey.Of(created), Ct));
        var changes = await Store.ReadChangesAsync(before, 10, Ct);
        Assert.Equal([ChangeType.Modified, ChangeType.Deleted], changes.Events.Select(e => e.Type));
        Assert.Empty(changes.Events[1].Object.Metadata.Finalizers);
    }

    [Theory]
    [InlineData("Foreground", "foregroundDeletion")]
    [InlineData("Orphan", "orphan")]
    public async Task Delete_with_foreground_or_orphan_propagation_adds_the_finalizer_for_the_garbage_collector(string policy, string finalizer)
    {
        var created = await CreateAsync(Deployment("web", 2));

        var result = await GrainOf(created).DeleteAsync(new DeleteRequest(policy), Ct);

        Assert.Equal(ResourceOutcome.DeletionPending, result.Outcome);
        Assert.Equal([finalizer], result.Object!.Metadata.Finalizers);
        Assert.NotNull(result.Object.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task Delete_with_background_propagation_deletes_at_once()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var result = await GrainOf(created).DeleteAsync(new DeleteRequest("Background"), Ct);

        Assert.Equal(ResourceOutcome.Deleted, result.Outcome);
    }

    [Fact]
    public async Task Delete_honours_resource_version_and_uid_preconditions()
    {
        var created = await CreateAsync(Deployment("web", 2));
        var grain = GrainOf(created);

        var staleVersion = await grain.DeleteAsync(new DeleteRequest(ExpectedResourceVersion: created.Metadata.ResourceVersionNumber - 1), Ct);
        var otherUid = await grain.DeleteAsync(new DeleteRequest(ExpectedUid: Guid.NewGuid().ToString()), Ct);
        var matching = await grain.DeleteAsync(new DeleteRequest(ExpectedResourceVersion: created.Metadata.ResourceVersionNumber, ExpectedUid: created.Metadata.Uid), Ct);

        Assert.Equal(ResourceOutcome.Conflict, staleVersion.Outcome);
        Assert.Equal(ResourceOutcome.Conflict, otherUid.Outcome);
        Assert.Contains("uid", otherUid.Message);
        Assert.Equal(ResourceOutcome.Deleted, matching.Outcome);
    }

    [Fact]
    public async Task Delete_with_an_unknown_propagation_policy_is_Invalid()
    {
        var created = await CreateAsync(Deployment("web", 2));

        var result = await GrainOf(created).DeleteAsync(new DeleteRequest("Sideways"), Ct);

        Assert.Equal(ResourceOutcome.Invalid, result.Outcome);
        Assert.Contains("Sideways", result.Message);
        Assert.NotNull(await Store.GetAsync(ResourceKey.Of(created), Ct));
    }

    [Fact]
    public async Task An_object_can_be_created_again_after_it_was_deleted()
    {
        var created = await CreateAsync(Deployment("web", 2));
        await GrainOf(created).DeleteAsync(new DeleteRequest(), Ct);

        var recreated = await CreateAsync(Deployment("web", 3));

        Assert.NotEqual(created.Metadata.Uid, recreated.Metadata.Uid);
        Assert.Equal(1, recreated.Metadata.Generation);
    }
}
