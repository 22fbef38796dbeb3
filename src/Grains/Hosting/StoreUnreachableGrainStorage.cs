using GitOps.Store;
using GitOps.Store.PostgreSql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace GitOps.Grains.Hosting;

/// <summary>
/// Orleans' grain storage, with a failure that says PostgreSQL cannot be reached turned into a
/// <see cref="ResourceStoreUnavailableException"/> where it happens, in the silo that still holds Npgsql's exception.
/// A grain reads its state when it activates, where no grain call filter runs (<see cref="StoreUnreachableCallFilter"/>
/// sees calls only), so without this a grain first activated during an outage failed with Npgsql's error inside
/// Orleans' own exception: a 500 at the API. Orleans still wraps the failure; the gateway finds the store's exception inside.
/// </summary>
internal sealed class StoreUnreachableGrainStorage(IGrainStorage storage) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Unreachable.TranslateAsync(() => storage.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Unreachable.TranslateAsync(() => storage.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Unreachable.TranslateAsync(() => storage.ClearStateAsync(stateName, grainId, grainState));

    // The wrapped storage opens its database at silo start.
    public void Participate(ISiloLifecycle lifecycle) => (storage as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
