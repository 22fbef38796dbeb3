using GitOps.Model.Objects;

namespace GitOps.GitSync.Planning;

/// <summary>An object this source applied before that Git no longer declares.</summary>
public sealed record PlannedPrune(ResourceKey Key, InventoryEntry Entry);
