using GitOps.Model.Objects;

namespace GitOps.NodeAgent.Client;

/// <summary>All items of a (possibly paged) list and the list's resourceVersion, or the error that stopped it.</summary>
public sealed record ListResult(IReadOnlyList<KubeObject> Items, string ResourceVersion, ApiStatus? Error, int StatusCode)
{
    public bool IsSuccess => Error is null;
}
