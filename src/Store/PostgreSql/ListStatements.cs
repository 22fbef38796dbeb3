using GitOps.Store.Queries;
using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// The SQL of one list page, run in one REPEATABLE READ transaction (one snapshot). A first page
/// reads the current rows. A later page reads the rows as they were at the first page's
/// snapshot: a row unchanged since then as it is, and a row changed or deleted since then from
/// its latest change-log event at or before the snapshot (gone if that event is a deletion or
/// there is none: it was created later).
/// </summary>
internal static class ListStatements
{
    private const string Begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

    private const string State = """
        SELECT c.value, l.compacted_through FROM resource_version_counter c, resource_log_state l WHERE c.id = 1 AND l.id = 1
        """;

    private const string Current = """
        SELECT namespace, name, labels, body FROM resources
        WHERE api_group = @g AND kind = @k AND {ns} AND (namespace, name) > (@after_ns, @after_name)
        """;

    private const string AtSnapshot = """
        SELECT namespace, name, labels, body FROM resources
        WHERE api_group = @g AND kind = @k AND {ns} AND (namespace, name) > (@after_ns, @after_name)
          AND resource_version <= @snapshot
        UNION ALL
        SELECT h.namespace, h.name, coalesce((h.body -> 'metadata' -> 'labels')::jsonb, '{}'::jsonb), h.body
        FROM (SELECT DISTINCT namespace, name FROM resource_changes
              WHERE resource_version > @snapshot AND api_group = @g AND kind = @k
                AND {ns} AND (namespace, name) > (@after_ns, @after_name)) changed
        CROSS JOIN LATERAL (
            SELECT x.namespace, x.name, x.change_type, x.body FROM resource_changes x
            WHERE x.api_group = @g AND x.kind = @k AND x.namespace = changed.namespace AND x.name = changed.name
              AND x.resource_version <= @snapshot
            ORDER BY x.resource_version DESC LIMIT 1) h
        WHERE h.change_type <> 2
        """;

    /// <summary>
    /// Result sets in order: (current version, compacted through); the page's rows (namespace,
    /// name, body), one more than the limit; and, when <paramref name="countRemaining"/>, the count of
    /// all matching rows after <paramref name="after"/>.
    /// </summary>
    public static NpgsqlBatch Page(NpgsqlConnection connection, ListQuery query, long? snapshot, SnapshotKey after, bool countRemaining)
    {
        var filter = SqlFilter.For(query.Labels, query.Fields);
        var source = (snapshot is null ? Current : AtSnapshot).Replace("{ns}", query.Namespace is null ? "TRUE" : "namespace = @ns", StringComparison.Ordinal);
        var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Begin));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(State));

        var limit = query.Limit is > 0 and var l ? $" LIMIT {l + 1}" : "";
        var rows = new NpgsqlBatchCommand($"SELECT namespace, name, body FROM ({source}) s WHERE {filter.Sql} ORDER BY namespace, name{limit}");
        AddParameters(rows, query, snapshot, after, filter);
        batch.BatchCommands.Add(rows);

        if (countRemaining)
        {
            var count = new NpgsqlBatchCommand($"SELECT count(*) FROM ({source}) s WHERE {filter.Sql}");
            AddParameters(count, query, snapshot, after, filter);
            batch.BatchCommands.Add(count);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        return batch;
    }

    private static void AddParameters(NpgsqlBatchCommand command, ListQuery query, long? snapshot, SnapshotKey after, SqlFilter filter)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("g", query.Type.Group));
        command.Parameters.Add(new NpgsqlParameter<string>("k", query.Type.Kind));
        if (query.Namespace is not null)
            command.Parameters.Add(new NpgsqlParameter<string>("ns", query.Namespace));
        command.Parameters.Add(new NpgsqlParameter<string>("after_ns", after.Namespace));
        command.Parameters.Add(new NpgsqlParameter<string>("after_name", after.Name));
        if (snapshot is { } version)
            command.Parameters.Add(new NpgsqlParameter<long>("snapshot", version));
        filter.AddTo(command.Parameters);
    }
}
