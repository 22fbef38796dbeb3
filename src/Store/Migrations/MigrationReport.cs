namespace GitOps.Store.Migrations;

/// <summary>What a migration run did: the migrations it applied, and how many were applied before.</summary>
public sealed record MigrationReport(IReadOnlyList<Migration> Applied, int AlreadyApplied)
{
    public bool UpToDate => Applied.Count == 0;

    public override string ToString() => UpToDate
        ? $"Database schema is up to date ({AlreadyApplied} migrations applied before); nothing to apply."
        : $"Applied {string.Join(", ", Applied.Select(m => m.FileName))} ({AlreadyApplied} applied before).";
}
