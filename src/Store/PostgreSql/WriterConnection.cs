using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// One of the group-commit writer's connections: opened on first use, replaced after a failure or
/// when the database was found unreachable since it was opened, used by one batch at a time.
/// </summary>
internal sealed class WriterConnection
{
    public NpgsqlConnection? Connection { get; set; }

    /// <summary>The writer's outage count when <see cref="Connection"/> was opened.</summary>
    public int OpenedAfterOutage { get; set; }
}
