namespace GitOps.Store.PostgreSql;

/// <summary>Writes one caller queued for the group-commit loop, committed together in one transaction.</summary>
internal sealed record PendingWrites(IReadOnlyList<ResourceWrite> Writes, CancellationToken CancellationToken)
{
    public TaskCompletionSource<WriteResult[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
