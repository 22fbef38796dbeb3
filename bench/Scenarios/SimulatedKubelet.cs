using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using GitOps.Grains.Resources;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// The node agents' part of a rollout benchmark, in-process: follows the change log, and for every pod
/// bound to a node writes Running and the four kubelet conditions (after the start delay) through the
/// pod's grain, as the node agent's first status report does. <c>writers</c> status writes are in flight
/// at once (the rollout scenario gives one per node: each node's agent reports its own pods). Startup
/// latency is from the pod's creation being seen in the log to its Running status being committed,
/// minus the start delay.
/// </summary>
internal sealed class SimulatedKubelet(IGrainFactory grains, IResourceStore store, Stopwatch clock, TimeSpan startDelay, int writers)
{
    private readonly ConcurrentDictionary<ResourceKey, TimeSpan> _created = new();
    private readonly ConcurrentDictionary<ResourceKey, TimeSpan> _running = new();
    private readonly ConcurrentDictionary<ResourceKey, TimeSpan> _bound = new();
    private readonly Channel<(KubeObject Pod, TimeSpan BoundAt)> _toStart = Channel.CreateUnbounded<(KubeObject, TimeSpan)>();
    private int _ip;

    public int Running => _running.Count;

    public int RunningIn(string @namespace) => _running.Keys.Count(k => k.Namespace == @namespace);

    public async Task RunAsync(long from, CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteStatusesAsync(cancellationToken), cancellationToken)).ToArray();
        var cursor = from;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await store.ReadChangesAsync(cursor, 5_000, cancellationToken);
                if (batch.Expired)
                    throw new InvalidOperationException("The change log was compacted during the run; the bench cannot follow pods.");
                foreach (var change in batch.Events)
                {
                    cursor = change.ResourceVersion;
                    if (change.Key.Kind != Pod.Kind || change.Type == ChangeType.Deleted)
                        continue;
                    _created.TryAdd(change.Key, clock.Elapsed);
                    if (!string.IsNullOrEmpty(change.Object.Spec?.GetString("nodeName")) && _bound.TryAdd(change.Key, clock.Elapsed))
                        _toStart.Writer.TryWrite((change.Object, clock.Elapsed));
                }
                if (batch.Events.Count == 0)
                    await store.WaitForChangesAsync(cursor, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        _toStart.Writer.TryComplete();
        await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Waits until <paramref name="count"/> pods of <paramref name="namespace"/> run; returns when the last of them started running.</summary>
    public async Task<TimeSpan> WaitForRunningAsync(string @namespace, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = clock.Elapsed + timeout;
        while (RunningIn(@namespace) < count && clock.Elapsed < deadline)
            await Task.Delay(5, cancellationToken);
        var running = _running.Where(r => r.Key.Namespace == @namespace).Select(r => r.Value).ToArray();
        return running.Length == 0 ? clock.Elapsed : running.Max();
    }

    /// <summary>Creation seen to Running committed, minus the start delay, of the pods of <paramref name="namespace"/>; sorted.</summary>
    public IReadOnlyList<TimeSpan> StartupLatencies(string @namespace) =>
        _running.Where(r => r.Key.Namespace == @namespace)
            .Select(r => r.Value - _created.GetValueOrDefault(r.Key, r.Value) - startDelay).Order().ToArray();

    /// <summary>From creation seen to binding seen, the scheduler's share of startup, of the pods of <paramref name="namespace"/>; sorted.</summary>
    public IReadOnlyList<TimeSpan> BindLatencies(string @namespace) =>
        _bound.Where(b => b.Key.Namespace == @namespace)
            .Select(b => b.Value - _created.GetValueOrDefault(b.Key, b.Value)).Order().ToArray();

    private async Task WriteStatusesAsync(CancellationToken cancellationToken)
    {
        await foreach (var (pod, boundAt) in _toStart.Reader.ReadAllAsync(cancellationToken))
        {
            var wait = boundAt + startDelay - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, cancellationToken);
            var key = ResourceKey.Of(pod);
            var grain = grains.GetGrain<IResourceGrain>(key.ToString());
            var current = pod;
            var ip = Interlocked.Increment(ref _ip);
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var result = await grain.UpdateStatusAsync(RunningStatus(current, ip), cancellationToken);
                if (result.Succeeded)
                {
                    _running.TryAdd(key, clock.Elapsed);
                    break;
                }
                if (result.Outcome != ResourceOutcome.Conflict || result.Object is null)
                    break;
                current = result.Object;
            }
        }
    }

    private static KubeObject RunningStatus(KubeObject stored, int ip)
    {
        var pod = new Pod(stored.DeepClone()) { Phase = PodPhase.Running };
        var now = DateTimeOffset.UtcNow;
        pod.PodIP = $"10.{ip / 65536 % 256}.{ip / 256 % 256}.{ip % 256}";
        pod.StartTime = now;
        // The node agent reports all four kubelet conditions, PodScheduled included, as the kubelet does.
        pod.SetCondition(new Condition(PodConditionTypes.PodScheduled, ConditionStatus.True), now);
        pod.SetCondition(new Condition(PodConditionTypes.Initialized, ConditionStatus.True), now);
        pod.SetCondition(new Condition(PodConditionTypes.ContainersReady, ConditionStatus.True), now);
        pod.SetCondition(new Condition(PodConditionTypes.Ready, ConditionStatus.True), now);
        return pod.Object;
    }
}
