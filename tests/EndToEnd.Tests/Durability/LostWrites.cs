using GitOps.EndToEnd.Tests.Harness;
using Npgsql;

namespace GitOps.EndToEnd.Tests.Durability;

/// <summary>
/// Compares what a <see cref="WriteLoad"/> was told with what the cluster holds: every acknowledged
/// write is there (the object at its resourceVersion with its value, or at a later version only when
/// a later write of it was sent) and is in the store's change log, and the log has no gap (the
/// resourceVersions in resource_changes run 1, 2, 3, ... up to the counter, nothing compacted).
/// </summary>
public static class LostWrites
{
    public static async Task<IReadOnlyList<string>> FindAsync(
        ClusterClient client, string connectionString, string @namespace, WriteLoad load, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var stored = (await client.ListAsync($"/api/v1/namespaces/{@namespace}/configmaps", cancellationToken))
            .ToDictionary(
                o => o["metadata"]!["name"]!.GetValue<string>(),
                o => (ResourceVersion: long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>()), Sequence: int.Parse(o["data"]!["value"]!.GetValue<string>())));

        var logged = new HashSet<(string Name, long ResourceVersion)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var changes = new NpgsqlCommand("SELECT name, resource_version FROM resource_changes WHERE kind = 'ConfigMap' AND namespace = @ns", connection))
        {
            changes.Parameters.AddWithValue("ns", @namespace);
            await using var reader = await changes.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                logged.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        foreach (var (key, (sequence, version)) in load.Acknowledged)
        {
            if (!logged.Contains((key, version)))
                problems.Add($"{key}: write #{sequence} was acknowledged at resourceVersion {version}, which the change log does not hold");
            if (!stored.TryGetValue(key, out var now))
            {
                problems.Add($"{key}: write #{sequence} was acknowledged at resourceVersion {version}; the object is gone");
                continue;
            }
            if (now.ResourceVersion < version)
                problems.Add($"{key}: write #{sequence} was acknowledged at resourceVersion {version}; the object is at the older {now.ResourceVersion}");
            else if (now.ResourceVersion == version && now.Sequence != sequence)
                problems.Add($"{key}: at the acknowledged resourceVersion {version} it holds value {now.Sequence}, not {sequence}");
            else if (now.ResourceVersion > version && (now.Sequence <= sequence || load.Sent[key] < now.Sequence))
                problems.Add($"{key}: acknowledged #{sequence} at {version}, now value {now.Sequence} at {now.ResourceVersion}, but only #{load.Sent[key]} was sent");
        }

        await using var gaps = new NpgsqlCommand("""
            SELECT (SELECT value FROM resource_version_counter WHERE id = 1),
                   (SELECT compacted_through FROM resource_log_state WHERE id = 1),
                   count(*), coalesce(min(resource_version), 0), coalesce(max(resource_version), 0)
            FROM resource_changes
            """, connection);
        await using (var reader = await gaps.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var (counter, compacted, count, first, last) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            if (compacted != 0)
                problems.Add($"the change log was compacted through {compacted}, so gaps cannot be checked; the test must finish before compaction");
            if (first != 1 || last != counter || count != last)
                problems.Add($"the change log has a gap: {count} events from resourceVersion {first} to {last}, the counter is at {counter}");
        }
        return problems;
    }
}
