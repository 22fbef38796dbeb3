namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// What one reconcile of a <see cref="ControllerGrain"/> decided; expected outcomes are values, not exceptions.
/// How to use: return <see cref="Success"/> when actual state now matches desired state (with
/// <c>requeueAfter</c> when something must be looked at again later, e.g. a deadline), <see cref="Failure"/>
/// when a step failed and must be retried (capped exponential backoff with jitter unless <c>requeueAfter</c>
/// is given), and <see cref="Gone"/> when the reconciled object no longer exists (not-found is done: the
/// grain stops its periodic resync and deactivates).
/// </summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, string? message, TimeSpan? requeueAfter)
    {
        Outcome = outcome;
        Message = message;
        RequeueAfter = requeueAfter;
    }

    public ReconcileOutcome Outcome { get; }

    /// <summary>Why a reconcile failed; null on success.</summary>
    public string? Message { get; }

    /// <summary>When to reconcile again regardless of changes; null: only on a change or the periodic resync (success) or after backoff (failure).</summary>
    public TimeSpan? RequeueAfter { get; }

    public bool Succeeded => Outcome != ReconcileOutcome.Failed;

    public static ReconcileResult Success(TimeSpan? requeueAfter = null) => new(ReconcileOutcome.Succeeded, null, requeueAfter);

    public static ReconcileResult Failure(string message, TimeSpan? requeueAfter = null) => new(ReconcileOutcome.Failed, message, requeueAfter);

    public static ReconcileResult Gone() => new(ReconcileOutcome.Gone, null, null);

    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.Failed => $"Failed: {Message}",
        _ when RequeueAfter is { } after => $"{Outcome} (requeue after {after})",
        _ => Outcome.ToString(),
    };
}
