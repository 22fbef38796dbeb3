using GitOps.Store;
using GitOps.Store.Memory;

namespace GitOps.Grains.Tests.Resources;

public sealed class MemoryResourceGrainTests : ResourceGrainTestsBase
{
    protected override Task<IResourceStore> CreateStoreAsync() => Task.FromResult<IResourceStore>(new MemoryResourceStore());
}
