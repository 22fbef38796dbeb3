using GitOps.Model.Objects;

namespace GitOps.Store.Writes;

/// <summary>
/// The result of planning a batch: one result per write (in order), the change events to append,
/// and each touched key's final state (an object to upsert, or null to delete).
/// <see cref="ResultsNeedingObject"/> are failed writes whose stored object was not loaded.
/// </summary>
internal sealed record WritePlan(
    WriteResult[] Results,
    IReadOnlyList<ChangeEvent> Changes,
    IReadOnlyDictionary<ResourceKey, KubeObject?> FinalStates,
    IReadOnlyList<int> ResultsNeedingObject,
    long LastResourceVersion);
