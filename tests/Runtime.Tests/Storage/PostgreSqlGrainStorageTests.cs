using GitOps.Runtime.Storage;
using GitOps.Runtime.Storage.PostgreSql;
using GitOps.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GitOps.Runtime.Tests.Storage;

public sealed class PostgreSqlGrainStorageTests : GrainStorageConformanceTests
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        _dataSource = await PostgreSqlTestDatabase.CreateMigratedAsync();
        return new PostgreSqlGrainStorage(_dataSource, Options.Create(new GrainRuntimeOptions()), NullLogger<PostgreSqlGrainStorage>.Instance);
    }

    protected override async Task DisposeStorageAsync(IGrainStorage storage)
    {
        await ((PostgreSqlGrainStorage)storage).DisposeAsync();
        await _dataSource!.DisposeAsync();
    }
}
