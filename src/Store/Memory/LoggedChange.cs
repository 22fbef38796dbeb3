namespace GitOps.Store.Memory;

/// <summary>A change event with the time it was committed (for age-based compaction).</summary>
internal sealed record LoggedChange(ChangeEvent Event, DateTimeOffset CommittedAt);
