namespace GitOps.Grains.Resources;

/// <summary>
/// The <see cref="IGitSourceHealing"/> of a silo without GitSync: no source can say it allows hand
/// edits, so every write to a field Git owns is refused.
/// </summary>
internal sealed class EveryGitSourceHeals : IGitSourceHealing
{
    public Task<bool> HealsAsync(string source, CancellationToken cancellationToken) => Task.FromResult(true);
}
