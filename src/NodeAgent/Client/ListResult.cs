using GitOps.Model.Objects;

namespace GitOps.NodeAgent.Client;

/// <summary>All items of a (possibly paged) list and the list's resourceVersion, or the error that stopped it.</summary>
public sealed record ListResult(IReadOnlyList<KubeObject> Items, string ResourceVersion, ApiStatus? Error, int StatusCode)
{
    /// <summary>
    /// The API server that answered: the list's resourceVersion is only meaningful there (pass it to
    /// <see cref="KubeClient.WatchAsync(ResourcePath, ListOptions, Uri?, CancellationToken)"/>).
    /// </summary>
    public Uri? Server { get; init; }

    public bool IsSuccess => Error is null;
}
