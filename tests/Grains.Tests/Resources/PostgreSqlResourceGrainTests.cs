using GitOps.TestSupport;

namespace GitOps.Grains.Tests.Resources;

public sealed class PostgreSqlResourceGrainTests : ResourceGrainTestsBase
{
    protected override async Task<string?> CreateDatabaseAsync() => await PostgresServer.CreateDatabaseAsync("grains");
}
