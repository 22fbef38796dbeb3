using GitOps.TestSupport;

namespace GitOps.Grains.Tests.Informers;

public sealed class PostgreSqlSharedInformerTests : SharedInformerTestsBase
{
    protected override async Task<string?> CreateDatabaseAsync() => await PostgresServer.CreateDatabaseAsync("informers");
}
