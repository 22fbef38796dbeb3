using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// The group-commit writer's connection: opened on first use, replaced after a failure or when the
/// database was found unreachable since it was opened.
/// </summary>
internal sealed class WriterConnection
{
    public NpgsqlConnection? Connection { get; set; }

    /// <summary>The writer's outage count when <see cref="Connection"/> was opened.</summary>
    public int OpenedAfterOutage { get; set; }
}
