namespace GitOps.Grains.Tests.Resources;

public sealed class MemoryResourceGrainTests : ResourceGrainTestsBase
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}
