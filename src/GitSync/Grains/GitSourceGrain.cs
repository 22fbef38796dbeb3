using GitOps.GitSync.Drift;
using GitOps.GitSync.Logging;
using GitOps.GitSync.Options;
using GitOps.GitSync.Planning;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;
using GitOps.GitSync.Sync;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Grains;

/// <summary>
/// The sync loop of one source. A turn only decides and records: a sync runs on the
/// <see cref="SyncRunner"/> outside the grain's turns and reports back through
/// <see cref="CompleteSyncAsync"/>, so status queries never wait behind a long sync.
/// One run at a time; triggers during a run coalesce into exactly one follow-up. A run's number is
/// claimed in storage before it starts, and only the run this activation started is recorded.
/// A source whose runs keep failing backs off (<see cref="SyncBackoff"/>): polls and drift wait until
/// <see cref="GitSourceState.NextAttemptAt"/>, a timer starts the retry then, and a webhook or a manual sync
/// runs at once and resets the backoff, as does a run that reads the repository or a failure at a new commit.
/// Removing the source, or changing its URL, deletes its (old) mirror on this silo.
/// </summary>
internal sealed class GitSourceGrain(
    [PersistentState("source")] IPersistentState<GitSourceState> state,
    SyncRunner runner,
    SyncSlots slots,
    SourceWorkspaces workspaces,
    ManagedObjectIndex index,
    IOptions<GitOpsOptions> options,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<GitSourceGrain> logger) : Grain, IGitSourceGrain, IRemindable
{
    private const string PollReminder = "poll";
    private static readonly TimeSpan FullDriftCheckInterval = TimeSpan.FromMinutes(10);

    private DateTimeOffset? _runningSince;
    private long _runningNumber;
    private bool _followUpQueued;
    private bool _followUpSkipsBackoff;
    private IGrainTimer? _retryTimer;
    private DateTimeOffset _lastFullDriftCheck = DateTimeOffset.MinValue;

    private GitSourceState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Spec is null)
            return;
        await PublishAsync(cancellationToken);
        if (await this.GetReminder(PollReminder, cancellationToken) is null)
            await this.RegisterOrUpdateReminder(PollReminder, State.Spec.PollInterval, State.Spec.PollInterval, cancellationToken);
        if (State.NextAttemptAt is { } next)
            ScheduleRetry(next - time.GetUtcNow());
    }

    /// <summary>The drift index of this silo only follows sources active here; another silo's activation takes over.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (State.Spec is not null)
            index.RemoveSource(State.Spec.Name);
        return Task.CompletedTask;
    }

    public async Task ConfigureAsync(SourceSpec spec, CancellationToken cancellationToken)
    {
        var changed = State.Spec != spec;
        var intervalChanged = State.Spec?.PollInterval != spec.PollInterval;
        if (changed)
        {
            ResetBackoff();
            // A new URL is a new mirror: the old one would stay in the cache directory for good.
            if (State.Spec is { } previous && previous.Url != spec.Url)
                workspaces.Remove(previous);
            State.Spec = spec;
            await state.WriteStateAsync(cancellationToken);
            await PublishAsync(cancellationToken);
        }
        if (intervalChanged || await this.GetReminder(PollReminder, cancellationToken) is null)
            await this.RegisterOrUpdateReminder(PollReminder, spec.PollInterval, spec.PollInterval, cancellationToken);
        if (changed || (State.History.Count == 0 && _runningSince is null))
            await StartOrQueueAsync(changed ? "configured" : "start", cancellationToken);
    }

    public async Task<bool> RemoveAsync(CancellationToken cancellationToken)
    {
        if (State.Spec is null)
            return false;
        var name = State.Spec.Name;
        TellOwners(State.ClaimsMade, []);
        if (await this.GetReminder(PollReminder, cancellationToken) is { } reminder)
            await this.UnregisterReminder(reminder, cancellationToken);
        // Only the run count stays, so a source added again under this name goes on numbering its runs
        // upwards: objects carry the run that last changed them, and a lower run may not touch them.
        var spec = State.Spec;
        state.State = new GitSourceState { RunCount = State.RunCount };
        await state.WriteStateAsync(cancellationToken);
        _followUpQueued = false;
        CancelRetry();
        index.RemoveSource(name);
        workspaces.Remove(spec);
        await Registry.ReportAsync(name, null, cancellationToken);
        return true;
    }

    public Task<SourceStatus?> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(State.Spec is null ? null : SourceStatusBuilder.Build(State, _runningSince, silo.SiloAddress.ToParsableString(),
            _runningSince is null ? null : slots.PositionOf(State.Spec.Name)));

    public Task<SourceSummary?> GetSummaryAsync(CancellationToken cancellationToken) =>
        Task.FromResult(State.Spec is null ? null : SourceStatusBuilder.Summarize(State, _runningSince));

    public Task<SyncProgress> GetProgressAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SyncProgress(_runningSince is null ? State.Phase : SourcePhase.Syncing, State.History.LastOrDefault()?.Number ?? 0,
            _runningSince is not null, State.History.LastOrDefault()));

    public Task<IReadOnlyList<SyncRunRecord>> GetHistoryAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SyncRunRecord>>(State.History.AsEnumerable().Reverse().ToList());

    public Task<IReadOnlyDictionary<string, InventoryEntry>> GetInventoryAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, InventoryEntry>>(new Dictionary<string, InventoryEntry>(State.Inventory, StringComparer.Ordinal));

    public Task<bool> ManagesAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(State.Spec is not null && State.Inventory.ContainsKey(key));

    public async Task ReplaceClaimsAsync(string claimant, IReadOnlyList<SourceClaim> claims, CancellationToken cancellationToken)
    {
        var kept = State.ClaimsReceived.Where(c => c.Claimant != claimant).ToList();
        if (State.Spec is null || kept.Count + claims.Count == State.ClaimsReceived.Count && claims.All(State.ClaimsReceived.Contains))
            return;
        State.ClaimsReceived = [.. kept, .. claims];
        await state.WriteStateAsync(cancellationToken);
    }

    public async Task<TriggerResult> TriggerSyncAsync(string trigger, CancellationToken cancellationToken)
    {
        if (State.Spec is null)
            return new TriggerResult(TriggerOutcome.UnknownSource, 0);
        if (SyncBackoff.Waits(trigger) && BackingOff)
        {
            // The retry at NextAttemptAt runs it; the drift index keeps the suspects until then.
            return new TriggerResult(TriggerOutcome.Queued, State.RunCount + 1);
        }
        if (!SyncBackoff.Waits(trigger))
            ResetBackoff();
        return await StartOrQueueAsync(trigger, cancellationToken);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Spec is null)
        {
            if (await this.GetReminder(reminderName, CancellationToken.None) is { } orphan)
                await this.UnregisterReminder(orphan, CancellationToken.None);
            return;
        }
        if (BackingOff)
            return;
        await StartOrQueueAsync("poll", CancellationToken.None);
    }

    public async Task CompleteSyncAsync(SyncOutcome outcome, CancellationToken cancellationToken)
    {
        if (_runningSince is null || outcome.Run.Number != _runningNumber)
        {
            // Not the run this activation started: one started by an earlier activation of this source,
            // finishing late on a silo that was frozen and declared dead meanwhile, or after the grain moved.
            // It read the repository and the inventory as they were then; recording it would repeat a run
            // number and set the source's history, commit and inventory back. The next sync reconciles
            // whatever it wrote to objects.
            Log.StaleRunIgnored(logger, this.GetPrimaryKeyString(), outcome.Run.Number, outcome.Run.Commit ?? "", _runningSince is null ? 0 : _runningNumber);
            return;
        }
        _runningSince = null;
        if (State.Spec is null)
            return;
        var claimsBefore = State.ClaimsMade;
        var fetchedBefore = State.LastFetchedCommit;
        SourceStateUpdater.Apply(State, outcome, options.Value.HistoryLimit);
        var retryIn = RecordOutcome(outcome, fetchedBefore);
        // The run's writes are already committed in the store; recording them must not be cut short.
        await state.WriteStateAsync(CancellationToken.None);
        await PublishAsync(CancellationToken.None);
        TellOwners(claimsBefore, State.ClaimsMade);
        Log.SyncFinished(logger, State.Spec.Name, outcome.Run.Commit ?? "", outcome.Run.Result.ToString(),
            outcome.Run.Created, outcome.Run.Updated, outcome.Run.Unchanged, outcome.Run.Pruned, outcome.Run.Failed, outcome.Run.DurationMs);
        if (retryIn is { } delay)
        {
            Log.SyncBackingOff(logger, State.Spec.Name, State.ConsecutiveFailures, State.NextAttemptAt!.Value, delay.TotalSeconds);
            ScheduleRetry(delay);
        }
        // After a failure only a webhook or a manual sync goes ahead of the retry; polls and drift wait for it.
        var followUp = _followUpQueued && (retryIn is null || _followUpSkipsBackoff);
        _followUpQueued = false;
        _followUpSkipsBackoff = false;
        if (followUp)
            await StartOrQueueAsync("follow-up", CancellationToken.None);
    }

    private bool BackingOff => State.NextAttemptAt is { } next && time.GetUtcNow() < next;

    /// <summary>Counts failures in a row and sets the next attempt; the delay until it when the source now backs off.</summary>
    private TimeSpan? RecordOutcome(SyncOutcome outcome, string? fetchedBefore)
    {
        if (outcome.Run.Result != SyncRunResult.Failed)
        {
            State.ConsecutiveFailures = 0;
            State.NextAttemptAt = null;
            return null;
        }
        // A failure at a commit not seen before is a new problem: its backoff starts over.
        var newCommit = outcome.FetchedCommit is not null && outcome.FetchedCommit != fetchedBefore;
        State.ConsecutiveFailures = newCommit ? 1 : State.ConsecutiveFailures + 1;
        var delay = SyncBackoff.Delay(State.Spec!.PollInterval, options.Value.EffectiveRetryMaxDelay, State.ConsecutiveFailures, Random.Shared.NextDouble());
        State.NextAttemptAt = time.GetUtcNow() + delay;
        return delay;
    }

    private void ResetBackoff()
    {
        State.ConsecutiveFailures = 0;
        State.NextAttemptAt = null;
        CancelRetry();
    }

    private void ScheduleRetry(TimeSpan after)
    {
        CancelRetry();
        _retryTimer = this.RegisterGrainTimer(async ct =>
        {
            // Disposing a timer cancels its token, so the fired timer is let go now and disposed only after the trigger.
            var fired = _retryTimer;
            _retryTimer = null;
            try
            {
                if (State.Spec is not null && _runningSince is null)
                    await StartOrQueueAsync("retry", ct);
            }
            finally
            {
                fired?.Dispose();
            }
        }, after < TimeSpan.Zero ? TimeSpan.Zero : after, Timeout.InfiniteTimeSpan);
    }

    private void CancelRetry()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
    }

    private async Task<TriggerResult> StartOrQueueAsync(string trigger, CancellationToken cancellationToken)
    {
        if (_runningSince is not null)
        {
            var outcome = _followUpQueued ? TriggerOutcome.AlreadyQueued : TriggerOutcome.Queued;
            _followUpQueued = true;
            _followUpSkipsBackoff |= !SyncBackoff.Waits(trigger);
            return new TriggerResult(outcome, _runningNumber + 1);
        }
        // The number is claimed before the run starts, so a new activation never reuses the number of a run an
        // earlier one started (see CompleteSyncAsync). A stale activation's claim fails on the state's ETag, and
        // it starts nothing.
        State.RunCount++;
        await state.WriteStateAsync(cancellationToken);
        var now = time.GetUtcNow();
        var spec = State.Spec!;
        var (suspects, fullRequested) = index.TakeSuspects(spec.Name);
        var full = fullRequested || now - _lastFullDriftCheck >= FullDriftCheckInterval;
        if (full)
            _lastFullDriftCheck = now;
        var request = new SyncRequest(
            spec,
            State.RunCount,
            trigger,
            new Dictionary<string, InventoryEntry>(State.Inventory, StringComparer.Ordinal),
            full,
            suspects,
            State.OpenDrifts());
        _runningSince = now;
        _runningNumber = request.RunNumber;
        runner.Start(request, GrainFactory.GetGrain<IGitSourceGrain>(this.GetPrimaryKeyString()));
        // The run has started: that it is syncing is reported even if the trigger's caller gives up.
        await Registry.ReportAsync(spec.Name, SourceStatusBuilder.Summarize(State, _runningSince), CancellationToken.None);
        return new TriggerResult(TriggerOutcome.Started, request.RunNumber);
    }

    /// <summary>
    /// The inventory goes to this silo's drift index (its change-feed listener watches the objects of the
    /// sources active here), the summary to the registry, which serves every silo.
    /// </summary>
    private Task PublishAsync(CancellationToken cancellationToken)
    {
        index.ReplaceSource(State.Spec!.Name, State.Inventory);
        return Registry.ReportAsync(State.Spec.Name, SourceStatusBuilder.Summarize(State, _runningSince), cancellationToken);
    }

    /// <summary>Tells each source whose objects this one claimed before or claims now what it claims now, when that changed.</summary>
    private void TellOwners(IReadOnlyList<SourceClaim> before, IReadOnlyList<SourceClaim> now)
    {
        var claimant = this.GetPrimaryKeyString();
        foreach (var owner in before.Concat(now).Select(c => c.Owner).Distinct(StringComparer.Ordinal))
        {
            var was = before.Where(c => c.Owner == owner).ToList();
            var claims = now.Where(c => c.Owner == owner).ToList();
            if (!was.SequenceEqual(claims))
                GrainFactory.GetGrain<IGitSourceGrain>(owner).ReplaceClaimsAsync(claimant, claims, CancellationToken.None).Ignore();
        }
    }

    private ISourceRegistryGrain Registry => GrainFactory.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key);
}
