namespace GitOps.Grains.Resources;

/// <summary>
/// Whether a Git source repairs drift (self-heal). The resource grain asks it only when a write
/// would change fields the <c>gitops</c> field manager owns (or delete an object Git declares): with
/// self-heal on the write is refused (Forbidden, naming the file to edit), since the source would
/// revert it; with self-heal off it is allowed and the source reports the object OutOfSync.
/// GitSync registers the implementation that reads its sources; without GitSync the default
/// (<see cref="EveryGitSourceHeals"/>) answers yes for every source, so Git's fields stay Git's.
/// </summary>
public interface IGitSourceHealing
{
    /// <summary>True when <paramref name="source"/> restores what Git declares; false when it allows hand edits or no longer exists.</summary>
    Task<bool> HealsAsync(string source, CancellationToken cancellationToken);
}
