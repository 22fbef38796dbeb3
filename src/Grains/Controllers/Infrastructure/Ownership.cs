using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// Owner-reference checks, as controller-runtime's IsControlledBy. How to use: act on a dependent only when
/// <c>Ownership.IsControlledBy(pod, replicaSet)</c>; build references with <see cref="ControllerReferenceTo"/>.
/// </summary>
public static class Ownership
{
    /// <summary>True when <paramref name="dependent"/>'s controller reference points at <paramref name="owner"/>'s uid.</summary>
    public static bool IsControlledBy(KubeObject dependent, KubeObject owner) =>
        dependent.Metadata.ControllerReference is { } controller
        && !string.IsNullOrEmpty(owner.Metadata.Uid)
        && controller.Uid == owner.Metadata.Uid;

    /// <summary>A controller reference (controller and blockOwnerDeletion true) to <paramref name="owner"/>.</summary>
    public static OwnerReference ControllerReferenceTo(KubeObject owner) =>
        new(owner.ApiVersion, owner.Kind, owner.Metadata.Name ?? "", owner.Metadata.Uid ?? "", Controller: true, BlockOwnerDeletion: true);
}
