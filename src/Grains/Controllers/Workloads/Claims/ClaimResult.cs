using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Claims;

/// <summary>
/// Which candidates an owner controls: <see cref="Owned"/> (already controlled, or to be adopted),
/// <see cref="ToAdopt"/> (orphans its selector matches: a controller reference must be added) and
/// <see cref="ToRelease"/> (controlled but no longer matching: the reference must be removed).
/// </summary>
public sealed record ClaimResult(
    IReadOnlyList<KubeObject> Owned,
    IReadOnlyList<KubeObject> ToAdopt,
    IReadOnlyList<KubeObject> ToRelease);
