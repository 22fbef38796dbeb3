using GitOps.Model.Objects;
using GitOps.Store.Encryption;
using GitOps.Store.Writes;
using Npgsql;
using NpgsqlTypes;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// The SQL of one group-commit transaction. Every statement takes arrays (unnest), so a
/// transaction costs the same few round trips whether it carries one write or hundreds.
/// </summary>
internal static class WriteStatements
{
    public const string NotifyChannel = "gitops_resource_changes";

    // Taking the counter row's lock first serializes writers: the next statement (a new snapshot
    // under READ COMMITTED) sees every earlier commit, and versions are handed out in commit order.
    private const string LockCounter = "SELECT value FROM resource_version_counter WHERE id = 1 FOR UPDATE";

    private const string ReadCurrent = """
        SELECT r.api_group, r.kind, r.namespace, r.name, r.resource_version, CASE WHEN k.need_body THEN r.body END
        FROM unnest(@g::text[], @k::text[], @ns::text[], @n::text[], @need_body::boolean[]) AS k(g, kd, ns, n, need_body)
        JOIN resources r ON r.api_group = k.g AND r.kind = k.kd AND r.namespace = k.ns AND r.name = k.n
        """;

    private const string Upsert = """
        INSERT INTO resources (api_group, kind, namespace, name, resource_version, labels, body)
        SELECT * FROM unnest(@g::text[], @k::text[], @ns::text[], @n::text[], @rv::bigint[], @labels, @body)
        ON CONFLICT (api_group, kind, namespace, name) DO UPDATE
        SET resource_version = excluded.resource_version, labels = excluded.labels, body = excluded.body
        """;

    private const string Delete = """
        DELETE FROM resources r
        USING unnest(@g::text[], @k::text[], @ns::text[], @n::text[]) AS d(g, kd, ns, n)
        WHERE r.api_group = d.g AND r.kind = d.kd AND r.namespace = d.ns AND r.name = d.n
        """;

    private const string AppendChanges = """
        INSERT INTO resource_changes (resource_version, change_type, api_group, kind, namespace, name, body)
        SELECT * FROM unnest(@rv::bigint[], @type::smallint[], @g::text[], @k::text[], @ns::text[], @n::text[], @body)
        """;

    public static NpgsqlBatch BeginAndReadCurrent(NpgsqlConnection connection, IReadOnlyList<ResourceWrite> writes)
    {
        var keys = new Dictionary<ResourceKey, bool>();
        foreach (var write in writes)
            keys[write.Key] = (keys.TryGetValue(write.Key, out var needed) && needed) || write.Kind == WriteKind.Delete;
        var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LockCounter));
        var read = KeyCommand(ReadCurrent, keys.Keys);
        read.Parameters.Add(new NpgsqlParameter<bool[]>("need_body", keys.Values.ToArray()));
        batch.BatchCommands.Add(read);
        return batch;
    }

    public static NpgsqlCommand ReadBodies(NpgsqlConnection connection, IEnumerable<ResourceKey> keys)
    {
        var list = keys.Distinct().ToArray();
        var command = new NpgsqlCommand(ReadCurrent, connection);
        AddKeyParameters(command.Parameters, list);
        command.Parameters.Add(new NpgsqlParameter<bool[]>("need_body", list.Select(_ => true).ToArray()));
        return command;
    }

    /// <summary>The statements that make the plan durable, then COMMIT; null when nothing succeeded.</summary>
    public static NpgsqlBatch? ApplyAndCommit(NpgsqlConnection connection, WritePlan plan, SecretEncryption encryption)
    {
        if (plan.Changes.Count == 0)
            return null;
        var batch = new NpgsqlBatch(connection);
        // A Secret's row and its change-log entry hold the same object: it is encrypted once for both.
        var sealedBodies = new Dictionary<KubeObject, string>(ReferenceEqualityComparer.Instance);
        string Body(ResourceKey key, KubeObject obj) =>
            !SecretEncryption.Covers(key.Group, key.Kind) ? obj.ToJson()
            : sealedBodies.TryGetValue(obj, out var body) ? body
            : sealedBodies[obj] = encryption.Encode(key, obj);
        var upserts = plan.FinalStates.Where(s => s.Value is not null).ToArray();
        if (upserts.Length > 0)
        {
            var upsert = KeyCommand(Upsert, upserts.Select(u => u.Key));
            upsert.Parameters.Add(new NpgsqlParameter<long[]>("rv", upserts.Select(u => u.Value!.Metadata.ResourceVersionNumber).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter("labels", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = upserts.Select(u => LabelsJson(u.Value!)).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Array | NpgsqlDbType.Json) { Value = upserts.Select(u => Body(u.Key, u.Value!)).ToArray() });
            batch.BatchCommands.Add(upsert);
        }
        var deletes = plan.FinalStates.Where(s => s.Value is null).Select(s => s.Key).ToArray();
        if (deletes.Length > 0)
            batch.BatchCommands.Add(KeyCommand(Delete, deletes));

        var append = KeyCommand(AppendChanges, plan.Changes.Select(c => c.Key));
        append.Parameters.Add(new NpgsqlParameter<long[]>("rv", plan.Changes.Select(c => c.ResourceVersion).ToArray()));
        append.Parameters.Add(new NpgsqlParameter<short[]>("type", plan.Changes.Select(c => (short)c.Type).ToArray()));
        append.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Array | NpgsqlDbType.Json) { Value = plan.Changes.Select(c => Body(c.Key, c.Object)).ToArray() });
        batch.BatchCommands.Add(append);

        var counter = new NpgsqlBatchCommand("UPDATE resource_version_counter SET value = @v WHERE id = 1");
        counter.Parameters.Add(new NpgsqlParameter<long>("v", plan.LastResourceVersion));
        batch.BatchCommands.Add(counter);
        // Delivered only when the transaction commits, so other processes' waiters wake on committed changes only.
        var notify = new NpgsqlBatchCommand($"SELECT pg_notify('{NotifyChannel}', @v::text)");
        notify.Parameters.Add(new NpgsqlParameter<long>("v", plan.LastResourceVersion));
        batch.BatchCommands.Add(notify);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        return batch;
    }

    public static string LabelsJson(KubeObject obj) => obj.Metadata.Node["labels"] is System.Text.Json.Nodes.JsonObject labels ? labels.ToJsonString() : "{}";

    private static NpgsqlBatchCommand KeyCommand(string sql, IEnumerable<ResourceKey> keys)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddKeyParameters(command.Parameters, keys.ToArray());
        return command;
    }

    private static void AddKeyParameters(NpgsqlParameterCollection parameters, IReadOnlyCollection<ResourceKey> keys)
    {
        parameters.Add(new NpgsqlParameter<string[]>("g", keys.Select(k => k.Group).ToArray()));
        parameters.Add(new NpgsqlParameter<string[]>("k", keys.Select(k => k.Kind).ToArray()));
        parameters.Add(new NpgsqlParameter<string[]>("ns", keys.Select(k => k.Namespace).ToArray()));
        parameters.Add(new NpgsqlParameter<string[]>("n", keys.Select(k => k.Name).ToArray()));
    }
}
