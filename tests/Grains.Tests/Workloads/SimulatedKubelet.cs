using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>Writes pod status as a node agent would (Running, an IP, Ready), one pod at a time, on the test's command.</summary>
internal sealed class SimulatedKubelet(ControllerTestHost host)
{
    private int _nextIp;

    public static readonly ResourceType PodType = new("", Pod.Kind);

    public async Task<IReadOnlyList<Pod>> PodsAsync(string app)
    {
        var page = await host.Store.ListAsync(new ListQuery(PodType, "default", new GitOps.Model.Selectors.LabelSelector(
            [new GitOps.Model.Selectors.LabelRequirement("app", GitOps.Model.Selectors.SelectorOperator.Equals, [app])])), CancellationToken.None);
        return page.Items.Select(p => new Pod(p)).ToArray();
    }

    /// <summary>Bound, active pods that are not ready yet, oldest first.</summary>
    public async Task<IReadOnlyList<Pod>> StartingAsync(string app) =>
        (await PodsAsync(app))
            .Where(p => !p.IsBeingDeleted && !p.IsTerminal && !p.IsReady && !string.IsNullOrEmpty(p.NodeName))
            .OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Makes <paramref name="pod"/> Running and Ready (or Running and not ready), retrying when another writer raced.</summary>
    public async Task SetReadyAsync(Pod pod, bool ready = true)
    {
        var ip = $"10.1.{(_nextIp / 250) % 250}.{_nextIp % 250 + 1}";
        _nextIp++;
        var key = ResourceKey.Of(pod.Object);
        var current = pod.Object;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var next = new Pod(current.DeepClone())
            {
                Phase = PodPhase.Running,
            };
            next.PodIP ??= ip;
            var now = DateTimeOffset.UtcNow;
            next.SetCondition(new Condition(PodConditionTypes.ContainersReady, ready ? ConditionStatus.True : ConditionStatus.False), now);
            next.SetCondition(new Condition(PodConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False), now);
            var result = await host.Grain(key).UpdateStatusAsync(next.Object, CancellationToken.None);
            if (result.Succeeded || result.Outcome == ResourceOutcome.NotFound)
                return;
            Assert.Equal(ResourceOutcome.Conflict, result.Outcome);
            current = result.Object!;
        }
        Assert.Fail($"could not write the status of pod {pod.Name}: every attempt conflicted");
    }

    /// <summary>Makes every bound, not-ready pod of <paramref name="app"/> ready until <paramref name="count"/> are ready.</summary>
    public async Task MakeReadyAsync(string app, int count)
    {
        await ControllerTestHost.EventuallyAsync(async () =>
        {
            foreach (var pod in await StartingAsync(app))
                await SetReadyAsync(pod);
            return (await PodsAsync(app)).Count(p => p.IsReady && !p.IsBeingDeleted);
        }, ready => ready >= count, $"{count} pods of {app} are ready");
    }
}
