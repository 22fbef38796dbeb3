using GitOps.Model.Objects;

namespace GitOps.GitSync;

/// <summary>Where a Git-managed object is declared, and whether its source repairs drift.</summary>
public sealed record ManagedBy(string Source, string Repository, string Path, string Commit, bool SelfHeal);

/// <summary>
/// Tells the API whether an object is managed by a Git source. A write to an object whose source
/// has SelfHeal on is refused with a message naming the repository, file and commit to edit;
/// with SelfHeal off the write is accepted and the source reports the object OutOfSync.
/// </summary>
public interface IManagedObjectGuard
{
    Task<ManagedBy?> FindManagerAsync(KubeObject obj, CancellationToken cancellationToken);
}
