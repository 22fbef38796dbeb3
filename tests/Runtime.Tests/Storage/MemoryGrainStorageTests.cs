using GitOps.Runtime.Storage;
using GitOps.Runtime.Storage.Memory;

namespace GitOps.Runtime.Tests.Storage;

public sealed class MemoryGrainStorageTests : GrainStorageConformanceTests
{
    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new MemoryGrainStorage());
}
