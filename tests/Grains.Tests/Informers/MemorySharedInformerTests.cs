namespace GitOps.Grains.Tests.Informers;

public sealed class MemorySharedInformerTests : SharedInformerTestsBase
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}
