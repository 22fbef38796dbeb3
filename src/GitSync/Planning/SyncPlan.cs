namespace GitOps.GitSync.Planning;

/// <summary>
/// What one sync will do. <see cref="Steps"/> run one after another (wave, then kind), the
/// objects of one step in parallel. <see cref="Kept"/> are objects removed from Git but kept
/// because Prune is off; <see cref="Held"/> are objects left untouched because their file failed
/// or they are declared twice.
/// </summary>
public sealed record SyncPlan(
    IReadOnlyList<IReadOnlyList<PlannedApply>> Steps,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<PlannedPrune> Prunes,
    IReadOnlyList<PlannedPrune> Kept,
    IReadOnlyList<string> Held,
    IReadOnlyList<SyncError> Errors)
{
    public IEnumerable<PlannedApply> Applies => Steps.SelectMany(s => s);
}
