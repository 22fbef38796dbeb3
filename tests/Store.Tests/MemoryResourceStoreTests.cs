using GitOps.Store.Memory;

namespace GitOps.Store.Tests;

public sealed class MemoryResourceStoreTests : ResourceStoreTestsBase
{
    private MemoryResourceStore? _store;

    protected override Task<IResourceStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IResourceStore>(_store = new MemoryResourceStore());

    // One process: the same store is the only view of its storage.
    protected override Task<IResourceStore> CreateStoreOverSameStorageAsync() =>
        Task.FromResult<IResourceStore>(_store!);
}
