using System.Text.Json.Nodes;
using System.Threading.Channels;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Logging;
using GitOps.NodeAgent.Nodes;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Pods;

/// <summary>
/// Writes pod statuses through the status subresource with bounded concurrency, coalescing: when a
/// pod's status changes again before its write went out, only the newest is written. One pod's
/// writes never overlap: a status published while the pod's previous write is in flight goes out
/// after it, so an older status can never land last. Statuses of pods on a silenced node are held
/// back and written when the node resumes.
/// </summary>
public sealed class PodStatusWriter
{
    private readonly KubeClient _client;
    private readonly ILogger _logger;
    private readonly int _concurrency;
    private readonly Func<string, ManagedNode?> _nodes;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writing = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false });
    private int _inFlight;
    private int _queuedCount;
    private TaskCompletionSource _idle = NewCompleted();

    public PodStatusWriter(KubeClient client, int concurrency, Func<string, ManagedNode?> nodes, ILogger logger)
    {
        _client = client;
        _concurrency = concurrency;
        _nodes = nodes;
        _logger = logger;
    }

    /// <summary>Queues <paramref name="status"/> as the newest status of <paramref name="pod"/>.</summary>
    public void Publish(PodRef pod, JsonObject status)
    {
        lock (_lock)
        {
            var queued = _pending.TryGetValue(pod.Key, out var existing) && existing.Queued;
            _pending[pod.Key] = new Pending(pod, status, Queued: true);
            if (queued)
                return;
            _queuedCount++;
            if (_idle.Task.IsCompleted)
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // The pod's write in flight queues this one when it completes.
            if (_writing.Contains(pod.Key))
                return;
        }
        _queue.Writer.TryWrite(pod.Key);
    }

    /// <summary>Sends the statuses held back while <paramref name="node"/> was silenced.</summary>
    public void Release(ManagedNode node)
    {
        List<string> keys;
        lock (_lock)
        {
            keys = _pending.Where(p => !p.Value.Queued && p.Value.Pod.NodeName == node.Name).Select(p => p.Key).ToList();
            foreach (var key in keys)
                _pending[key] = _pending[key] with { Queued = true };
            _queuedCount += keys.Count;
            if (keys.Count > 0 && _idle.Task.IsCompleted)
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            keys.RemoveAll(_writing.Contains);
        }
        foreach (var key in keys)
            _queue.Writer.TryWrite(key);
    }

    /// <summary>Forgets a pod that is gone, dropping a write not yet sent.</summary>
    public void Forget(PodRef pod)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(pod.Key, out var pending) && pending.Pod.Uid == pod.Uid)
            {
                _pending.Remove(pod.Key);
                if (pending.Queued)
                    _queuedCount--;
            }
            SignalIfIdle();
        }
    }

    /// <summary>Completes when no write is queued or in flight (held-back statuses do not count).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return _idle.Task.WaitAsync(cancellationToken);
    }

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, _concurrency).Select(_ => WriteLoopAsync(cancellationToken)));

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var key in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                Pending? work;
                lock (_lock)
                {
                    // A pod being written: the write's completion queues the pod's newest status again.
                    if (_writing.Contains(key))
                        continue;
                    if (!_pending.Remove(key, out var taken) || !taken.Queued)
                    {
                        if (taken is not null)
                            _pending[key] = taken;
                        SignalIfIdle();
                        continue;
                    }
                    _queuedCount--;
                    if (_nodes(taken.Pod.NodeName) is { IsSilenced: true })
                    {
                        _pending[key] = taken with { Queued = false };
                        SignalIfIdle();
                        continue;
                    }
                    work = taken;
                    _writing.Add(key);
                    _inFlight++;
                }
                try
                {
                    await WriteAsync(work, cancellationToken);
                }
                finally
                {
                    bool newerWaiting;
                    lock (_lock)
                    {
                        _inFlight--;
                        _writing.Remove(key);
                        newerWaiting = _pending.TryGetValue(key, out var next) && next.Queued;
                        SignalIfIdle();
                    }
                    if (newerWaiting)
                        _queue.Writer.TryWrite(key);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(Pending work, CancellationToken cancellationToken)
    {
        var path = ResourcePath.Pod(work.Pod.Namespace, work.Pod.Name);
        var result = await _client.ForNode(work.Pod.NodeName).PatchStatusAsync(path, new JsonObject { ["status"] = work.Status.DeepClone() }, cancellationToken);
        if (result.IsSuccess)
        {
            AgentLog.PodStatusWritten(_logger, work.Pod.Namespace, work.Pod.Name, work.Status["phase"]?.GetValue<string>() ?? "");
            return;
        }
        if (result.IsNotFound)
            return;
        AgentLog.PodStatusFailed(_logger, work.Pod.Namespace, work.Pod.Name, result.Error?.ToString() ?? "");
        if (result.StatusCode >= 500 || result.StatusCode == 429 || result.IsConflict)
        {
            // Transient (the client already retried with back-off) or a write race on the server:
            // keep the status so a retry or the next change sends it.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            lock (_lock)
            {
                if (_pending.ContainsKey(work.Pod.Key))
                    return;
            }
            Publish(work.Pod, work.Status);
        }
    }

    private void SignalIfIdle()
    {
        if (_inFlight == 0 && _queuedCount == 0)
            _idle.TrySetResult();
    }

    private static TaskCompletionSource NewCompleted()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private sealed record Pending(PodRef Pod, JsonObject Status, bool Queued);
}
