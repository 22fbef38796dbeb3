using System.Diagnostics;
using GitOps.Grains.Informers;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using GitOps.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Base of level-based controller grains. How to use: derive an <c>internal sealed</c> grain whose
/// interface extends <see cref="IControllerGrain"/>, and implement <see cref="ReconcileAsync"/>: re-read
/// actual state every time (the grain key says what to reconcile; lists from <see cref="InformerAsync"/>,
/// single objects from <see cref="Store"/>), act through
/// <see cref="ResourceGrain"/> (spec with UpdateAsync, status with UpdateStatusAsync, never mutating an
/// object you read: clone first), and return a <see cref="ReconcileResult"/>. The base class
/// <list type="bullet">
/// <item>reconciles on <see cref="IControllerGrain.NotifyAsync"/>, skipping notifications the last
/// successful reconcile already covered (it notes the store's resourceVersion before reading);</item>
/// <item>keeps a durable reminder (period <see cref="ResyncPeriod"/>) so a lost notification or a restart
/// only delays;</item>
/// <item>requeues after <see cref="ReconcileResult.RequeueAfter"/>, retries failures with capped exponential
/// backoff and jitter, and on <see cref="ReconcileResult.Gone"/> drops its reminder and deactivates.</item>
/// </list>
/// </summary>
public abstract class ControllerGrain(IResourceStore store, ControllerOptions options, ControllerMetrics metrics, ILogger logger) : Grain, IControllerGrain, IRemindable
{
    public const string ResyncReminderName = "resync";

    private long _seenThrough = -1;
    private long _readFrom;
    private SharedInformerFactory? _informers;
    private int _failures;
    private IDisposable? _requeueTimer;
    private bool _reminderRegistered;

    protected IResourceStore Store { get; } = store;

    protected ControllerOptions Options { get; } = options;

    protected ILogger Logger { get; } = logger;

    private string ControllerName => GetType().Name.EndsWith("Grain", StringComparison.Ordinal) ? GetType().Name[..^5] : GetType().Name;

    /// <summary>Period of the durable resync reminder; override for controllers that must look more often.</summary>
    protected virtual TimeSpan ResyncPeriod => Options.ResyncPeriod;

    /// <summary>Reconciles the grain's object; see the class summary for the rules.</summary>
    protected abstract Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken);

    /// <summary>The grain that writes the object with this key.</summary>
    protected IResourceGrain ResourceGrain(ResourceKey key) => GrainFactory.GetGrain<IResourceGrain>(key.ToString());

    /// <summary>
    /// The silo's shared informer of <paramref name="type"/> once it reflects every change committed before this
    /// reconcile began (this controller's own earlier writes included), so a read from it is as fresh as a list
    /// from the store and never makes the controller act twice. Its objects are read-only: clone before changing.
    /// Throws <see cref="TimeoutException"/> (the reconcile fails and retries) when the informer cannot catch up.
    /// </summary>
    protected async Task<Informer> InformerAsync(ResourceType type, CancellationToken cancellationToken)
    {
        // Resolved on first use rather than injected, so every controller keeps its constructor.
        _informers ??= ServiceProvider.GetRequiredService<SharedInformerFactory>();
        var informer = _informers.For(type);
        await informer.WaitUntilCurrentAsync(_readFrom, cancellationToken);
        return informer;
    }

    /// <summary>
    /// Tells the base class that the controller's state reflects every change up to <paramref name="resourceVersion"/>
    /// (e.g. a cache synced from the change log), so notifications up to it are skipped.
    /// </summary>
    protected void MarkSeenThrough(long resourceVersion) => _seenThrough = Math.Max(_seenThrough, resourceVersion);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureResyncReminderAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failed activation would drop the one-way notification that caused it, and with no reminder
            // nothing would ever run this controller again. So activation succeeds with the database down,
            // and a run (which registers the reminder first) is scheduled with backoff.
            _failures++;
            var delay = RetryBackoff.Delay(_failures, Options.RetryBaseDelay, Options.RetryMaxDelay);
            ControllerLog.ReminderNotRegistered(Logger, GetType().Name, this.GetPrimaryKeyString(), delay, e);
            ScheduleRequeue(delay);
        }
    }

    private async Task EnsureResyncReminderAsync(CancellationToken cancellationToken)
    {
        if (_reminderRegistered)
            return;
        // Looking first avoids rewriting the reminder row on every activation.
        if (await this.GetReminder(ResyncReminderName, cancellationToken) is null)
            await this.RegisterOrUpdateReminder(ResyncReminderName, ResyncPeriod, ResyncPeriod, cancellationToken);
        _reminderRegistered = true;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CancelRequeue();
        return Task.CompletedTask;
    }

    public Task NotifyAsync(long resourceVersion, CancellationToken cancellationToken) =>
        resourceVersion <= _seenThrough ? Task.CompletedTask : RunAsync(cancellationToken);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ResyncReminderName ? RunAsync(CancellationToken.None) : OnReminderAsync(reminderName, status);

    /// <summary>Reminders other than the resync one; none by default.</summary>
    protected virtual Task OnReminderAsync(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>Runs one reconcile now and applies its result (requeue, backoff, or stop).</summary>
    protected async Task RunAsync(CancellationToken cancellationToken)
    {
        long readFrom = 0;
        var started = Stopwatch.GetTimestamp();
        ReconcileResult result;
        try
        {
            // Inside the try: a store that cannot be reached fails the reconcile, which then backs off
            // like any failure instead of leaving the controller idle until its next resync.
            await EnsureResyncReminderAsync(cancellationToken);
            readFrom = await Store.GetCurrentResourceVersionAsync(cancellationToken);
            _readFrom = readFrom;
            result = await ReconcileAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            ControllerLog.ReconcileThrew(Logger, GetType().Name, this.GetPrimaryKeyString(), e);
            result = ReconcileResult.Failure($"{e.GetType().Name}: {e.Message}");
        }
        metrics.Record(ControllerName, result.Outcome, Stopwatch.GetElapsedTime(started));
        await ApplyAsync(result, readFrom, cancellationToken);
    }

    private async Task ApplyAsync(ReconcileResult result, long readFrom, CancellationToken cancellationToken)
    {
        CancelRequeue();
        switch (result.Outcome)
        {
            case ReconcileOutcome.Succeeded:
                _failures = 0;
                MarkSeenThrough(readFrom);
                if (result.RequeueAfter is { } after)
                    ScheduleRequeue(after);
                break;
            case ReconcileOutcome.Failed:
                _failures++;
                var delay = result.RequeueAfter ?? RetryBackoff.Delay(_failures, Options.RetryBaseDelay, Options.RetryMaxDelay);
                ControllerLog.ReconcileFailed(Logger, GetType().Name, this.GetPrimaryKeyString(), _failures, delay, result.Message ?? "");
                ScheduleRequeue(delay);
                break;
            case ReconcileOutcome.Gone:
                _failures = 0;
                MarkSeenThrough(readFrom);
                if (await this.GetReminder(ResyncReminderName, cancellationToken) is { } reminder)
                    await this.UnregisterReminder(reminder, cancellationToken);
                _reminderRegistered = false;
                DeactivateOnIdle();
                break;
        }
    }

    private void ScheduleRequeue(TimeSpan after)
    {
        var due = after < TimeSpan.Zero ? TimeSpan.Zero : after;
        _requeueTimer = this.RegisterGrainTimer(async ct =>
        {
            // Disposing a timer cancels its token, so the fired timer is let go now and disposed only after the run.
            var fired = _requeueTimer;
            _requeueTimer = null;
            try
            {
                await RunAsync(ct);
            }
            finally
            {
                fired?.Dispose();
            }
        }, due, Timeout.InfiniteTimeSpan);
    }

    private void CancelRequeue()
    {
        _requeueTimer?.Dispose();
        _requeueTimer = null;
    }
}
