using System.Globalization;
using GitOps.Model.Objects;
using GitOps.Store.Encryption;
using Npgsql;
using NpgsqlTypes;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// A batch of creates and updates of distinct keys, checked and applied by PostgreSQL in one round
/// trip: after taking the counter lock, one statement reads each key's current version, decides each
/// write's outcome as <see cref="Writes.WritePlanner"/> does, numbers the successful ones from the
/// counter in write order, stamps each number into its body, and writes the objects, the change log
/// and the counter; then COMMIT. The counter lock is held for the server's work and the commit
/// only, never for a round trip to this process, which is what bounds the store's write rate.
/// Batches with a delete (whose change-log entry is the object's last state) or with two writes
/// of one key (each checked against the other's result) go through the planned path.
/// </summary>
internal static class OneTripWrite
{
    // Statement 2 runs after the lock is held, so its snapshot sees every earlier commit.
    private const string CheckAndApply = """
        WITH w AS (
            SELECT * FROM unnest(@ord::int[], @op::smallint[], @g::text[], @k::text[], @ns::text[], @n::text[], @expected::bigint[], @labels::jsonb[], @head::text[], @tail::text[])
                AS w(ord, op, g, kd, ns, n, expected, labels, head, tail)),
        checked AS (
            SELECT w.*, r.resource_version AS current_rv,
                   CASE WHEN w.op = 0 THEN r.resource_version IS NULL
                        ELSE r.resource_version IS NOT NULL AND (w.expected IS NULL OR w.expected = r.resource_version) END AS ok,
                   CASE WHEN w.op = 0 OR w.expected IS NOT NULL THEN r.body END AS current_body
            FROM w LEFT JOIN resources r ON r.api_group = w.g AND r.kind = w.kd AND r.namespace = w.ns AND r.name = w.n),
        numbered AS (
            SELECT c.*, v.value + row_number() OVER (ORDER BY c.ord) AS rv
            FROM checked c CROSS JOIN resource_version_counter v WHERE v.id = 1 AND c.ok),
        stamped AS (
            SELECT numbered.*, (head || rv::text || tail)::json AS body FROM numbered),
        upserted AS (
            INSERT INTO resources (api_group, kind, namespace, name, resource_version, labels, body)
            SELECT g, kd, ns, n, rv, labels, body FROM stamped
            ON CONFLICT (api_group, kind, namespace, name) DO UPDATE
            SET resource_version = excluded.resource_version, labels = excluded.labels, body = excluded.body),
        logged AS (
            INSERT INTO resource_changes (resource_version, change_type, api_group, kind, namespace, name, body)
            SELECT rv, op, g, kd, ns, n, body FROM stamped),
        counted AS (
            UPDATE resource_version_counter SET value = last.rv
            FROM (SELECT max(rv) AS rv FROM numbered) last WHERE id = 1 AND last.rv IS NOT NULL)
        SELECT c.ord, c.ok, n.rv, c.current_rv, CASE WHEN NOT c.ok THEN c.current_body::text END
        FROM checked c LEFT JOIN numbered n ON n.ord = c.ord
        ORDER BY c.ord
        """;

    // Delivered only when the transaction commits; the counter row already holds this batch's last version.
    private const string Notify = $"SELECT pg_notify('{WriteStatements.NotifyChannel}', value::text) FROM resource_version_counter WHERE id = 1";

    /// <summary>True when every write is a create or an update of a kind stored in clear, and no key appears twice.</summary>
    public static bool CanTake(IReadOnlyList<ResourceWrite> writes)
    {
        var keys = new HashSet<ResourceKey>();
        foreach (var write in writes)
        {
            // A Secret's version is stored inside its ciphertext, where the server cannot stamp it.
            if (write.Kind == WriteKind.Delete || !keys.Add(write.Key) || SecretEncryption.Covers(write.Key.Group, write.Key.Kind))
                return false;
        }
        return true;
    }

    public static async Task<(WriteResult[] Results, long Committed, IReadOnlyList<CommittedChange> Changes)> CommitAsync(
        NpgsqlConnection connection, IReadOnlyList<ResourceWrite> writes, CancellationToken cancellationToken)
    {
        // Each object is stamped with a marker that cannot occur elsewhere in its JSON; the server puts
        // the version it assigns where the marker was, so the stored body carries it as before.
        var marker = $"gitops-rv-{Guid.NewGuid():N}";
        var stamped = new KubeObject[writes.Count];
        var heads = new string[writes.Count];
        var tails = new string[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            stamped[i] = Writes.WritePlanner.Stamp(writes[i].Object!, 0);
            stamped[i].Metadata.ResourceVersion = marker;
            var json = stamped[i].ToJson();
            var at = json.IndexOf(marker, StringComparison.Ordinal);
            heads[i] = json[..at];
            tails[i] = json[(at + marker.Length)..];
        }

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT value FROM resource_version_counter WHERE id = 1 FOR UPDATE"));
        var apply = new NpgsqlBatchCommand(CheckAndApply);
        apply.Parameters.Add(new NpgsqlParameter<int[]>("ord", Enumerable.Range(0, writes.Count).ToArray()));
        apply.Parameters.Add(new NpgsqlParameter<short[]>("op", writes.Select(w => (short)(w.Kind == WriteKind.Create ? 0 : 1)).ToArray()));
        apply.Parameters.Add(new NpgsqlParameter<string[]>("g", writes.Select(w => w.Key.Group).ToArray()));
        apply.Parameters.Add(new NpgsqlParameter<string[]>("k", writes.Select(w => w.Key.Kind).ToArray()));
        apply.Parameters.Add(new NpgsqlParameter<string[]>("ns", writes.Select(w => w.Key.Namespace).ToArray()));
        apply.Parameters.Add(new NpgsqlParameter<string[]>("n", writes.Select(w => w.Key.Name).ToArray()));
        apply.Parameters.Add(new NpgsqlParameter<long?[]>("expected", writes.Select(w => w.ExpectedResourceVersion).ToArray()));
        apply.Parameters.Add(new NpgsqlParameter("labels", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = writes.Select(w => WriteStatements.LabelsJson(w.Object!)).ToArray() });
        apply.Parameters.Add(new NpgsqlParameter<string[]>("head", heads));
        apply.Parameters.Add(new NpgsqlParameter<string[]>("tail", tails));
        batch.BatchCommands.Add(apply);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Notify));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));

        var results = new WriteResult[writes.Count];
        var changes = new List<CommittedChange>(writes.Count);
        long committed = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var i = reader.GetInt32(0);
                if (reader.GetBoolean(1))
                {
                    var version = reader.GetInt64(2);
                    var text = version.ToString(CultureInfo.InvariantCulture);
                    stamped[i].Metadata.ResourceVersion = text;
                    changes.Add(new CommittedChange(version, writes[i].Kind == WriteKind.Create ? ChangeType.Added : ChangeType.Modified, writes[i].Key, heads[i] + text + tails[i]));
                    results[i] = new WriteResult(WriteOutcome.Ok, version, stamped[i]);
                    committed = Math.Max(committed, version);
                }
                else
                {
                    results[i] = Refused(writes[i], reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4));
                }
            }
        }
        return (results, committed, changes);
    }

    private static WriteResult Refused(ResourceWrite write, long? currentVersion, string? currentBody) => currentVersion switch
    {
        null => new WriteResult(WriteOutcome.NotFound, 0, null),
        { } version => new WriteResult(write.Kind == WriteKind.Create ? WriteOutcome.AlreadyExists : WriteOutcome.Conflict, version,
            currentBody is null ? null : KubeObject.FromJson(currentBody)),
    };
}
