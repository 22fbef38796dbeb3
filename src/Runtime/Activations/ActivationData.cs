using GitOps.Runtime.Logging;
using GitOps.Runtime.References;
using GitOps.Runtime.State;
using GitOps.Runtime.Storage;

namespace GitOps.Runtime.Activations;

/// <summary>
/// One activation of a grain: the grain instance and a queue of turns run one at a time, in
/// arrival order. Queued turns run on the thread pool; a call to an idle activation runs on the
/// caller's thread (<see cref="TryRunInline"/>).
/// </summary>
internal sealed partial class ActivationData : IGrainContext, IThreadPoolWorkItem
{
    private const int TurnsPerSlice = 64;

    // The queue is also the lock of the activation's state: one object less to touch per call.
    private readonly Queue<IWorkItem> _queue = new();
    private readonly GrainRuntime _runtime;
    private readonly Task _predecessor;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ActivationState _state = ActivationState.Created;
    private bool _running;
    private DeactivationReason? _pendingDeactivation;
    private Grain? _grain;
    private List<GrainTimer>? _timers;
    private long _lastActive = Environment.TickCount64;

    public ActivationData(GrainRuntime runtime, GrainId grainId, GrainClassInfo grainClass, Task? predecessor)
    {
        _runtime = runtime;
        GrainId = grainId;
        Class = grainClass;
        _predecessor = predecessor ?? Task.CompletedTask;
    }

    public GrainId GrainId { get; }

    public GrainClassInfo Class { get; }

    /// <summary>Completes when the activation has deactivated (or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>True once the activation accepts no more calls.</summary>
    public bool IsDefunct => _state >= ActivationState.Deactivating;

    public string PrimaryKey => GrainId.Key;

    public IGrainFactory GrainFactory => _runtime;

    /// <summary>Queues a turn; false when the activation is deactivating (the caller routes to a fresh one).</summary>
    public bool TryEnqueue(IWorkItem item, bool touch)
    {
        lock (_queue)
        {
            if (_state >= ActivationState.Deactivating)
                return false;
            if (touch)
                _lastActive = Environment.TickCount64;
            _queue.Enqueue(item);
            if (_running)
                return true;
            _running = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    void IThreadPoolWorkItem.Execute() => _ = RunTurnsAsync(TurnsPerSlice);

    /// <summary>
    /// The fast path: when the activation is idle (nothing running or queued) and the caller has no
    /// synchronization context, the call runs as a turn on the caller's thread without a work item.
    /// False when the call must be queued instead.
    /// </summary>
    public bool TryRunInline<TResult>(GrainMethod<TResult> method, object?[] arguments, out ValueTask<TResult> result)
    {
        result = default;
        if (_state != ActivationState.Valid || SynchronizationContext.Current is not null || TaskScheduler.Current != TaskScheduler.Default)
            return false;
        lock (_queue)
        {
            if (_running || _queue.Count > 0 || _pendingDeactivation is not null || _state != ActivationState.Valid)
                return false;
            _running = true;
            _lastActive = Environment.TickCount64;
        }
        ValueTask<TResult> pending;
        try
        {
            pending = method.Invoke(_grain!, arguments);
        }
        catch (Exception e)
        {
            OnTurnFailed(hasCaller: true, e);
            EndInlineTurn();
            result = ValueTask.FromException<TResult>(e);
            return true;
        }
        if (pending.IsCompletedSuccessfully)
        {
            result = new ValueTask<TResult>(pending.Result);
            EndInlineTurn();
            return true;
        }
        result = CompleteInlineTurnAsync(pending);
        return true;
    }

    private async ValueTask<TResult> CompleteInlineTurnAsync<TResult>(ValueTask<TResult> pending)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            OnTurnFailed(hasCaller: true, e);
            throw;
        }
        finally
        {
            EndInlineTurn();
        }
    }

    /// <summary>Hands the activation to the turn loop when calls queued up (or a deactivation was asked) meanwhile.</summary>
    private void EndInlineTurn()
    {
        lock (_queue)
        {
            if (_queue.Count == 0 && _pendingDeactivation is null)
            {
                _running = false;
                return;
            }
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Starts idle deactivation when no turn ran for <paramref name="ageMilliseconds"/>.</summary>
    public bool TryDeactivateIfIdle(long now, long ageMilliseconds)
    {
        lock (_queue)
        {
            if (_state != ActivationState.Valid || _running || _queue.Count > 0 || now - _lastActive < ageMilliseconds)
                return false;
            _running = true;
            _pendingDeactivation = DeactivationReason.Idle;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    /// <summary>Deactivates after the current turn; queued calls go to a fresh activation.</summary>
    public void DeactivateOnIdle() => RequestDeactivation(DeactivationReason.Requested);

    /// <summary>Deactivates after the current turn and fails queued calls: the runtime is stopping.</summary>
    public void BeginShutdown() => RequestDeactivation(DeactivationReason.ShuttingDown);

    private void RequestDeactivation(DeactivationReason reason)
    {
        lock (_queue)
        {
            if (_state >= ActivationState.Deactivating)
                return;
            if (_state == ActivationState.Created && !_running)
            {
                _state = ActivationState.Defunct;
                _runtime.Catalog.Remove(this);
                _deactivated.TrySetResult();
                return;
            }
            if (_pendingDeactivation is null || reason == DeactivationReason.ShuttingDown)
                _pendingDeactivation = reason;
            if (_running)
                return;
            _running = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private async Task RunTurnsAsync(int budget)
    {
        try
        {
            if (_state == ActivationState.Created && !await ActivateAsync().ConfigureAwait(false))
                return;
            while (true)
            {
                IWorkItem item;
                DeactivationReason? deactivation;
                lock (_queue)
                {
                    deactivation = _pendingDeactivation;
                    if (deactivation is null)
                    {
                        if (_queue.Count == 0)
                        {
                            _running = false;
                            return;
                        }
                        if (budget-- <= 0)
                        {
                            // Keep _running: the rest of the queue continues in a fresh slice so other activations get threads too.
                            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                            return;
                        }
                    }
                    item = deactivation is null ? _queue.Dequeue() : null!;
                }
                if (deactivation is { } reason)
                {
                    await DeactivateAsync(reason).ConfigureAwait(false);
                    return;
                }
                var error = await item.RunAsync(_grain!).ConfigureAwait(false);
                if (error is not null)
                    OnTurnFailed(item.HasCaller, error);
            }
        }
        catch (Exception e)
        {
            RuntimeLog.ActivationLoopFailed(_runtime.Logger, e, GrainId.ToString());
        }
    }

    private void OnTurnFailed(bool hasCaller, Exception error)
    {
        if (error is InconsistentStateException)
        {
            RuntimeLog.StateConflict(_runtime.Logger, GrainId.ToString(), error.Message);
            lock (_queue)
                _pendingDeactivation ??= DeactivationReason.StateConflict;
        }
        else if (!hasCaller)
        {
            RuntimeLog.UnobservedTurnFailed(_runtime.Logger, error, GrainId.ToString());
        }
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            await _predecessor.ConfigureAwait(false);
            bool shuttingDown;
            lock (_queue)
                shuttingDown = _pendingDeactivation == DeactivationReason.ShuttingDown;
            if (shuttingDown)
                throw new InvalidOperationException("The grain runtime is shutting down.");
            var states = Class.States
                .Select(s => s.CreateState(_runtime.Services, GrainId, _runtime.Options.StateSerializerOptions))
                .ToArray();
            var grain = Class.Create(_runtime.Services, states.Cast<object>().ToArray());
            grain.GrainContext = this;
            foreach (var state in states)
                await state.ReadStateAsync(_runtime.LifetimeToken).ConfigureAwait(false);
            _grain = grain;
            await grain.OnActivateAsync(_runtime.LifetimeToken).ConfigureAwait(false);
            lock (_queue)
                _state = ActivationState.Valid;
            RuntimeLog.Activated(_runtime.Logger, GrainId.ToString());
            return true;
        }
        catch (Exception e)
        {
            RuntimeLog.ActivationFailed(_runtime.Logger, e, GrainId.ToString());
            var failure = new InvalidOperationException(
                $"Activation of grain {GrainId} ({Class.ClassType.Name}) failed: {e.Message}", e);
            Finish(failure);
            return false;
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        List<IWorkItem> pending;
        lock (_queue)
        {
            _state = ActivationState.Deactivating;
            pending = [.. _queue];
            _queue.Clear();
        }
        DisposeTimers();
        if (pending.Count > 0 && reason != DeactivationReason.ShuttingDown)
            _runtime.Forward(this, pending);
        else
            pending.ForEach(item => item.Fail(_runtime.StoppedError(GrainId)));

        try
        {
            if (_grain is not null)
                await _grain.OnDeactivateAsync(reason, _runtime.LifetimeToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RuntimeLog.DeactivationFailed(_runtime.Logger, e, GrainId.ToString());
        }
        RuntimeLog.Deactivated(_runtime.Logger, GrainId.ToString(), reason);
        Finish(_runtime.StoppedError(GrainId));
    }

    private void Finish(Exception failureForQueued)
    {
        List<IWorkItem> leftovers;
        lock (_queue)
        {
            _state = ActivationState.Defunct;
            _running = false;
            leftovers = [.. _queue];
            _queue.Clear();
        }
        DisposeTimers();
        _runtime.Catalog.Remove(this);
        _deactivated.TrySetResult();
        foreach (var item in leftovers)
            item.Fail(failureForQueued);
    }
}
