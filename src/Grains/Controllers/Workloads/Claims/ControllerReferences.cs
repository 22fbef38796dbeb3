using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Claims;

/// <summary>
/// Writes the adoptions and releases <see cref="ControllerClaims"/> decides, as Kubernetes'
/// ControllerRefManager does, on any dependent kind (pods, ReplicaSets). Each write is re-decided on
/// the stored object when another writer got there first (<see cref="ConflictRetry"/>), so a dependent
/// that meanwhile got another controller or started being deleted is left alone.
/// </summary>
public static class ControllerReferences
{
    /// <summary>
    /// Adds a controller reference to <paramref name="owner"/> on <paramref name="dependent"/>, unless the
    /// stored dependent already has a controller or is being deleted (then Unchanged, nothing written).
    /// </summary>
    public static Task<ResourceResult> AdoptAsync(IResourceGrain grain, KubeObject dependent, KubeObject owner, CancellationToken cancellationToken) =>
        ConflictRetry.UpdateAsync(grain, dependent,
            current => current.Metadata.ControllerReference is null && current.Metadata.DeletionTimestamp is null
                ? ControllerClaims.WithControllerReference(current, owner)
                : null,
            status: false, cancellationToken);

    /// <summary>Removes <paramref name="owner"/>'s reference from <paramref name="dependent"/> while the stored dependent is still controlled by it.</summary>
    public static Task<ResourceResult> ReleaseAsync(IResourceGrain grain, KubeObject dependent, KubeObject owner, CancellationToken cancellationToken) =>
        ConflictRetry.UpdateAsync(grain, dependent,
            current => Ownership.IsControlledBy(current, owner) ? ControllerClaims.WithoutReferenceTo(current, owner) : null,
            status: false, cancellationToken);
}
