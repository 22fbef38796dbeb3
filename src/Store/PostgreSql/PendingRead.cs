using GitOps.Model.Objects;

namespace GitOps.Store.PostgreSql;

/// <summary>A single-object read queued for the read-coalescing loop.</summary>
internal sealed record PendingRead(ResourceKey Key)
{
    public TaskCompletionSource<KubeObject?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
