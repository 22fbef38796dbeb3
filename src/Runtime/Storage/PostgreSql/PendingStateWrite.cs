using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace GitOps.Runtime.Storage.PostgreSql;

/// <summary>
/// One queued state write or clear, waiting for its group commit. Its outcome is the new ETag
/// (write) or 0 (clear), or null when its own ETag check failed.
/// </summary>
internal sealed class PendingStateWrite(GrainId grainId, string stateName, byte[]? data, string? expectedETag)
    : TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private const string Insert = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, data, etag)
        VALUES ($1, $2, $3, $4, nextval('grain_state_etag'))
        ON CONFLICT DO NOTHING
        RETURNING etag
        """;

    private const string Update = """
        UPDATE grain_state SET data = $4, etag = nextval('grain_state_etag'), updated_at = now()
        WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $5
        RETURNING etag
        """;

    private const string ClearMissing = """
        SELECT 0::bigint WHERE NOT EXISTS (
            SELECT 1 FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3)
        """;

    private const string Delete = """
        DELETE FROM grain_state
        WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $4
        RETURNING 0::bigint
        """;

    public bool IsClear => data is null;

    /// <summary>False when the expected ETag is not one this provider issued: that write can only conflict.</summary>
    public bool TryParseExpected(out long? expected)
    {
        expected = null;
        if (expectedETag is null)
            return true;
        if (!long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        expected = value;
        return true;
    }

    public NpgsqlBatchCommand ToCommand(long? expected)
    {
        var command = new NpgsqlBatchCommand((data, expected) switch
        {
            (null, null) => ClearMissing,
            (null, _) => Delete,
            (_, null) => Insert,
            _ => Update,
        });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        if (data is not null)
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Bytea });
        if (expected is { } etag)
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = etag });
        return command;
    }
}
