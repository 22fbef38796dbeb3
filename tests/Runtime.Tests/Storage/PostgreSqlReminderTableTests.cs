using GitOps.Runtime.Storage;
using GitOps.Runtime.Storage.PostgreSql;
using GitOps.Runtime.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GitOps.Runtime.Tests.Storage;

public sealed class PostgreSqlReminderTableTests : ReminderTableConformanceTests
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IReminderTable> CreateTableAsync()
    {
        _dataSource = await PostgreSqlTestDatabase.CreateMigratedAsync();
        return new PostgreSqlReminderTable(_dataSource, Options.Create(new GrainRuntimeOptions()));
    }

    protected override async Task DisposeTableAsync() => await _dataSource!.DisposeAsync();
}
