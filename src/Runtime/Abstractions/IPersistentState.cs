namespace GitOps.Runtime;

/// <summary>
/// A grain's persisted state, injected through a constructor parameter marked with
/// <see cref="PersistentStateAttribute"/>. <see cref="Etag"/> is the version of the stored record;
/// a write with a stale ETag throws <see cref="InconsistentStateException"/>, and the runtime then
/// deactivates the activation so the next call reloads fresh state.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    public string? StorageName { get; } = storageName;
}
