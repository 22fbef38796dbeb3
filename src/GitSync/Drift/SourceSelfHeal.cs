using GitOps.Grains.Resources;
using GitOps.GitSync.Sources;

namespace GitOps.GitSync.Drift;

/// <summary>
/// Tells the resource grains whether a source heals drift: its SelfHeal setting, read from the
/// source catalog (configured sources and those added through the API). A source that no longer
/// exists heals nothing, so the objects it left behind are writable.
/// </summary>
public sealed class SourceSelfHeal(SourceCatalog catalog) : IGitSourceHealing
{
    public async Task<bool> HealsAsync(string source, CancellationToken cancellationToken) =>
        await catalog.FindAsync(source, cancellationToken) is { SelfHeal: true };
}
