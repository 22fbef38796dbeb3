using System.Globalization;
using GitOps.Runtime.Placement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GitOps.Runtime.Storage.PostgreSql;

/// <summary>Reminder rows in PostgreSQL (table reminders), with the shard of each grain for per-silo loading.</summary>
public sealed class PostgreSqlReminderTable(NpgsqlDataSource dataSource, IOptions<GrainRuntimeOptions> options) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period_ms, etag";
    private readonly int _shardCount = options.Value.ShardCount;

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(int shardFrom, int shardTo, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE shard BETWEEN $1 AND $2", [shardFrom, shardTo], cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_type = $1 AND grain_key = $2", [grainId.Type, grainId.Key], cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3",
            [grainId.Type, grainId.Key, reminderName],
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO reminders (grain_type, grain_key, reminder_name, shard, start_at, period_ms, etag)
            VALUES ($1, $2, $3, $4, $5, $6, nextval('reminders_etag'))
            ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE
            SET shard = excluded.shard, start_at = excluded.start_at, period_ms = excluded.period_ms, etag = excluded.etag
            RETURNING etag
            """);
        command.Parameters.AddWithValue(entry.GrainId.Type);
        command.Parameters.AddWithValue(entry.GrainId.Key);
        command.Parameters.AddWithValue(entry.ReminderName);
        command.Parameters.AddWithValue(GrainShard.Of(entry.GrainId, _shardCount));
        command.Parameters.AddWithValue(entry.StartAt.ToUniversalTime());
        command.Parameters.AddWithValue((long)entry.Period.TotalMilliseconds);
        var etag = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
            return false;
        await using var command = dataSource.CreateCommand(
            "DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3 AND etag = $4");
        command.Parameters.AddWithValue(grainId.Type);
        command.Parameters.AddWithValue(grainId.Key);
        command.Parameters.AddWithValue(reminderName);
        command.Parameters.AddWithValue(expected);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.AddWithValue(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.GetInt64(5).ToString(CultureInfo.InvariantCulture)));
        }
        return rows;
    }
}
