using GitOps.Model.Objects;
using GitOps.Store.Encryption;
using Npgsql;
using NpgsqlTypes;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// Rewrites every stored Secret, in the resource table and in the change log, under the write key
/// (the first key of the key file), as <c>kubectl get secrets -A -o json | kubectl replace -f -</c>
/// does for kube-apiserver, but without a new resourceVersion: the object does not change, only its
/// encoding, so no watcher sees an event. Safe beside running silos: a row is replaced only if its
/// resourceVersion is still the one read (a write that lands in between wins, written by its silo's
/// own write key), and change-log entries never change once written.
/// </summary>
public static class PostgreSqlSecretRewriter
{
    private const int PageSize = 200;
    private const int Passes = 5;

    private const string ReadObjects = """
        SELECT namespace, name, resource_version, body FROM resources
        WHERE api_group = '' AND kind = 'Secret' AND (namespace, name) > (@after_ns, @after_name)
        ORDER BY namespace, name LIMIT @limit
        """;

    private const string ReplaceObjects = """
        UPDATE resources r SET body = u.body
        FROM unnest(@ns::text[], @n::text[], @rv::bigint[], @body) AS u(ns, n, rv, body)
        WHERE r.api_group = '' AND r.kind = 'Secret' AND r.namespace = u.ns AND r.name = u.n AND r.resource_version = u.rv
        RETURNING r.namespace, r.name
        """;

    private const string ReadChanges = """
        SELECT resource_version, namespace, name, body FROM resource_changes
        WHERE api_group = '' AND kind = 'Secret' AND resource_version > @after
        ORDER BY resource_version LIMIT @limit
        """;

    private const string ReplaceChanges = """
        UPDATE resource_changes c SET body = u.body
        FROM unnest(@rv::bigint[], @body) AS u(rv, body)
        WHERE c.resource_version = u.rv
        """;

    /// <summary>Throws <see cref="SecretDecryptionException"/> naming the first Secret the key file cannot read; nothing after it is rewritten.</summary>
    public static async Task<SecretRewriteResult> RewriteAsync(string connectionString, SecretEncryption encryption, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var objects = 0;
        var current = 0;
        IReadOnlyList<string> changing = [];
        for (var pass = 0; pass < Passes; pass++)
        {
            var (rewritten, alreadyCurrent, missed) = await RewriteObjectsAsync(connection, encryption, cancellationToken).ConfigureAwait(false);
            objects += rewritten;
            if (pass == 0)
                current = alreadyCurrent;
            changing = missed;
            if (missed.Count == 0)
                break;
        }
        var changes = await RewriteChangesAsync(connection, encryption, cancellationToken).ConfigureAwait(false);
        return new SecretRewriteResult(objects, changes, current, changing);
    }

    private static async Task<(int Rewritten, int AlreadyCurrent, List<string> Missed)> RewriteObjectsAsync(
        NpgsqlConnection connection, SecretEncryption encryption, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        var alreadyCurrent = 0;
        var missed = new List<string>();
        var (afterNamespace, afterName) = ("", "");
        while (true)
        {
            var page = new List<(string Namespace, string Name, long ResourceVersion, string Body)>();
            await using (var read = new NpgsqlCommand(ReadObjects, connection))
            {
                read.Parameters.Add(new NpgsqlParameter<string>("after_ns", afterNamespace));
                read.Parameters.Add(new NpgsqlParameter<string>("after_name", afterName));
                read.Parameters.Add(new NpgsqlParameter<int>("limit", PageSize));
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    page.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
            }
            if (page.Count == 0)
                return (rewritten, alreadyCurrent, missed);
            (afterNamespace, afterName) = (page[^1].Namespace, page[^1].Name);

            var stale = page.Where(row => !encryption.IsCurrent(row.Body)).ToList();
            alreadyCurrent += page.Count - stale.Count;
            if (stale.Count == 0)
                continue;
            var bodies = stale.Select(row =>
            {
                var key = SecretKey(row.Namespace, row.Name);
                return encryption.Encode(key, encryption.Decode(key, row.Body));
            }).ToArray();
            var replaced = new HashSet<(string, string)>();
            await using (var update = new NpgsqlCommand(ReplaceObjects, connection))
            {
                update.Parameters.Add(new NpgsqlParameter<string[]>("ns", stale.Select(r => r.Namespace).ToArray()));
                update.Parameters.Add(new NpgsqlParameter<string[]>("n", stale.Select(r => r.Name).ToArray()));
                update.Parameters.Add(new NpgsqlParameter<long[]>("rv", stale.Select(r => r.ResourceVersion).ToArray()));
                update.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Array | NpgsqlDbType.Json) { Value = bodies });
                await using var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    replaced.Add((reader.GetString(0), reader.GetString(1)));
            }
            rewritten += replaced.Count;
            missed.AddRange(stale.Where(r => !replaced.Contains((r.Namespace, r.Name))).Select(r => $"{r.Namespace}/{r.Name}"));
        }
    }

    private static async Task<int> RewriteChangesAsync(NpgsqlConnection connection, SecretEncryption encryption, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        long after = 0;
        while (true)
        {
            var page = new List<(long ResourceVersion, ResourceKey Key, string Body)>();
            await using (var read = new NpgsqlCommand(ReadChanges, connection))
            {
                read.Parameters.Add(new NpgsqlParameter<long>("after", after));
                read.Parameters.Add(new NpgsqlParameter<int>("limit", PageSize));
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    page.Add((reader.GetInt64(0), SecretKey(reader.GetString(1), reader.GetString(2)), reader.GetString(3)));
            }
            if (page.Count == 0)
                return rewritten;
            after = page[^1].ResourceVersion;
            var stale = page.Where(row => !encryption.IsCurrent(row.Body)).ToList();
            if (stale.Count == 0)
                continue;
            await using var update = new NpgsqlCommand(ReplaceChanges, connection);
            update.Parameters.Add(new NpgsqlParameter<long[]>("rv", stale.Select(r => r.ResourceVersion).ToArray()));
            update.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Array | NpgsqlDbType.Json)
            {
                Value = stale.Select(r => encryption.Encode(r.Key, encryption.Decode(r.Key, r.Body))).ToArray(),
            });
            rewritten += await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static ResourceKey SecretKey(string @namespace, string name) => new("", "Secret", @namespace, name);
}
