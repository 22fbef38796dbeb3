using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>
/// The pod-control layer against real resource grains and store: each test hands it what a controller
/// read, lets another writer change the object in between, and looks at what was stored.
/// </summary>
public sealed class PodControlTests
{
    private const string Component = "test-controller";

    // A kind no controller manages, so only the layer writes to it and to the pods it owns.
    private static KubeObject Widget(string name = "web")
    {
        var owner = new KubeObject("example.com/v1", "Widget", "default", name);
        owner.EnsureSpec()["size"] = 1;
        return owner;
    }

    // Bound to a node, so the scheduler leaves the pod alone.
    private static KubeObject BoundPod(string name, OwnerReference? owner = null) =>
        ControllerObjects.Pod(name, owner: owner, nodeName: "node-x").Object;

    private static PodControl Control(ControllerTestHost host) =>
        new(host.Grains, host.Services.GetRequiredService<IEventRecorder>(), NullLogger.Instance, Component);

    private static async Task<KubeObject> UpdateAsync(ControllerTestHost host, KubeObject current, Action<KubeObject> change)
    {
        var next = current.DeepClone();
        change(next);
        var result = await host.Grain(ResourceKey.Of(current)).UpdateAsync(next, CancellationToken.None);
        Assert.True(result.Succeeded, $"updating {current} failed: {result.Outcome} {result.Message}");
        return result.Object!;
    }

    private static async Task<int> WritesAsync(ControllerTestHost host, ResourceKey key)
    {
        var batch = await host.Store.ReadChangesAsync(0, 10_000, CancellationToken.None);
        return batch.Events.Count(e => e.Key == key);
    }

    [Fact]
    public async Task Adoption_retries_on_conflict_and_keeps_the_other_writers_change()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Widget());
        var read = await host.CreateAsync(BoundPod("orphan"));
        await UpdateAsync(host, read, p => p.Metadata.SetLabel("tier", "front"));

        var failure = await Control(host).AdoptAndReleaseAsync(owner, [read], [], CancellationToken.None);

        Assert.Null(failure);
        var stored = (await host.GetAsync(ResourceKey.Of(read)))!;
        Assert.True(Ownership.IsControlledBy(stored, owner), $"the pod is not controlled by its adopter: {stored.ToJson()}");
        Assert.Equal("front", stored.Metadata.GetLabel("tier"));
    }

    [Fact]
    public async Task Adoption_leaves_a_pod_that_meanwhile_got_another_controller()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Widget());
        var rival = await host.CreateAsync(Widget("rival"));
        var read = await host.CreateAsync(BoundPod("orphan"));
        await UpdateAsync(host, read, p => p.Metadata.SetOwnerReferences([Ownership.ControllerReferenceTo(rival)]));

        var failure = await Control(host).AdoptAndReleaseAsync(owner, [read], [], CancellationToken.None);

        Assert.Null(failure);
        var stored = (await host.GetAsync(ResourceKey.Of(read)))!;
        Assert.True(Ownership.IsControlledBy(stored, rival), $"the rival lost its pod: {stored.ToJson()}");
        Assert.DoesNotContain(stored.Metadata.OwnerReferences, r => r.Uid == owner.Metadata.Uid);
    }

    [Fact]
    public async Task Adoption_leaves_a_pod_that_meanwhile_started_being_deleted()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Widget());
        var held = BoundPod("orphan");
        held.Metadata.SetFinalizers(["example.com/hold"]);
        var read = await host.CreateAsync(held);
        var deleting = await host.Grain(ResourceKey.Of(read)).DeleteAsync(new DeleteRequest(), CancellationToken.None);
        Assert.Equal(ResourceOutcome.DeletionPending, deleting.Outcome);

        var failure = await Control(host).AdoptAndReleaseAsync(owner, [read], [], CancellationToken.None);

        Assert.Null(failure);
        var stored = (await host.GetAsync(ResourceKey.Of(read)))!;
        Assert.Empty(stored.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Release_retries_on_conflict_and_removes_only_the_owners_reference()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Widget());
        var read = await host.CreateAsync(BoundPod("owned", Ownership.ControllerReferenceTo(owner)));
        await UpdateAsync(host, read, p => p.Metadata.SetLabel("app", "moved"));

        var failure = await Control(host).AdoptAndReleaseAsync(owner, [], [read], CancellationToken.None);

        Assert.Null(failure);
        var stored = (await host.GetAsync(ResourceKey.Of(read)))!;
        Assert.Empty(stored.Metadata.OwnerReferences);
        Assert.Equal("moved", stored.Metadata.GetLabel("app"));
    }

    [Fact]
    public async Task Status_is_written_only_when_it_changed()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var read = await host.CreateAsync(Widget());
        var key = ResourceKey.Of(read);
        var control = Control(host);

        var first = await control.WriteStatusAsync(read, new JsonObject { ["ready"] = 2, ["observedGeneration"] = 1 }, CancellationToken.None);
        var writes = await WritesAsync(host, key);
        var same = await control.WriteStatusAsync(first.Object!, new JsonObject { ["observedGeneration"] = 1.0, ["ready"] = 2, ["note"] = null }, CancellationToken.None);
        var changed = await control.WriteStatusAsync(first.Object!, new JsonObject { ["ready"] = 3, ["observedGeneration"] = 1 }, CancellationToken.None);

        Assert.Equal(ResourceOutcome.Updated, first.Outcome);
        Assert.Equal(ResourceOutcome.Unchanged, same.Outcome);
        Assert.Equal(ResourceOutcome.Updated, changed.Outcome);
        Assert.Equal(writes + 1, await WritesAsync(host, key));
        Assert.Equal(3, (await host.GetAsync(key))!.Status?["ready"]?.GetValue<int>());
    }

    [Fact]
    public async Task Status_is_retried_over_a_spec_change_but_never_over_another_writers_status()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var read = await host.CreateAsync(Widget());
        var key = ResourceKey.Of(read);
        var respecified = await UpdateAsync(host, read, w => w.EnsureSpec()["size"] = 2);
        var control = Control(host);

        var overSpec = await control.WriteStatusAsync(read, new JsonObject { ["ready"] = 1, ["observedGeneration"] = read.Metadata.Generation }, CancellationToken.None);
        var overStatus = await control.WriteStatusAsync(respecified, new JsonObject { ["ready"] = 5 }, CancellationToken.None);

        Assert.Equal(ResourceOutcome.Updated, overSpec.Outcome);
        Assert.Equal(ResourceOutcome.Conflict, overStatus.Outcome);
        var stored = (await host.GetAsync(key))!;
        Assert.Equal(1, stored.Status?["ready"]?.GetValue<int>());
        Assert.Equal(read.Metadata.Generation, stored.Status?["observedGeneration"]?.GetValue<long>());
        Assert.True(stored.Metadata.Generation > read.Metadata.Generation, "the spec change raised the generation");
    }

    [Fact]
    public async Task Creation_draws_another_name_when_the_generated_one_is_taken()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Widget());
        await host.CreateAsync(BoundPod("web-taken"));

        var template = new PodTemplate(new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = BoundPod("template").Spec!.DeepClone(),
        });

        var failure = await Control(host).CreateAsync(owner, 1, _ => PodFactory.FromTemplate(owner, template, "web-taken"), CancellationToken.None);

        Assert.Null(failure);
        var created = (await host.ListAsync("", Pod.Kind)).Where(p => Ownership.IsControlledBy(p, owner)).ToArray();
        var pod = Assert.Single(created);
        Assert.StartsWith("web-", pod.Metadata.Name);
        Assert.NotEqual("web-taken", pod.Metadata.Name);
        await ControllerTestHost.EventuallyAsync(() => EventReasonsAsync(host), r => r.Contains("SuccessfulCreate"), "a SuccessfulCreate event is recorded");
    }

    [Fact]
    public async Task Creation_stops_after_the_first_failing_batch_and_reports_the_first_failure()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Widget());
        await host.CreateAsync(BoundPod("fixed"));
        var built = 0;

        var failure = await Control(host).CreateAsync(owner, 10, _ =>
        {
            built++;
            // No generateName: a taken name is a failure, not a reason to draw another.
            return BoundPod("fixed", Ownership.ControllerReferenceTo(owner));
        }, CancellationToken.None);

        Assert.NotNull(failure);
        Assert.StartsWith(nameof(ResourceOutcome.AlreadyExists), failure);
        Assert.Equal(1, built);
        await ControllerTestHost.EventuallyAsync(() => EventReasonsAsync(host), r => r.Contains("FailedCreate"), "a FailedCreate event is recorded");
    }

    [Fact]
    public async Task Deletion_spares_a_pod_recreated_under_the_same_name_and_counts_a_gone_pod_as_deleted()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var owner = await host.CreateAsync(Widget());
        var reference = Ownership.ControllerReferenceTo(owner);
        var replaced = await host.CreateAsync(BoundPod("web-a", reference));
        var gone = await host.CreateAsync(BoundPod("web-b", reference));
        var deleted = await host.CreateAsync(BoundPod("web-c", reference));
        await host.Grain(ResourceKey.Of(replaced)).DeleteAsync(new DeleteRequest(), CancellationToken.None);
        var successor = await host.CreateAsync(BoundPod("web-a", reference));
        await host.Grain(ResourceKey.Of(gone)).DeleteAsync(new DeleteRequest(), CancellationToken.None);

        var failure = await Control(host).DeleteAsync(owner, [new Pod(replaced), new Pod(gone), new Pod(deleted)], CancellationToken.None);

        Assert.Null(failure);
        Assert.Equal(successor.Metadata.Uid, (await host.GetAsync(ResourceKey.Of(successor)))?.Metadata.Uid);
        Assert.Null(await host.GetAsync(ResourceKey.Of(deleted)));
        await ControllerTestHost.EventuallyAsync(() => EventReasonsAsync(host), r => r.Contains("SuccessfulDelete"), "a SuccessfulDelete event is recorded");
    }

    private static async Task<IReadOnlyList<string>> EventReasonsAsync(ControllerTestHost host) =>
        (await host.ListAsync("", "Event")).Select(e => e.Root["reason"]?.GetValue<string>() ?? "").ToArray();
}
