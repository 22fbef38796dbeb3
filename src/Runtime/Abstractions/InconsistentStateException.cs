namespace GitOps.Runtime;

/// <summary>A storage write lost an optimistic-concurrency race (stale ETag).</summary>
public sealed class InconsistentStateException(string message, string? storedEtag = null, string? currentEtag = null)
    : Exception(message)
{
    public string? StoredEtag { get; } = storedEtag;

    public string? CurrentEtag { get; } = currentEtag;
}
