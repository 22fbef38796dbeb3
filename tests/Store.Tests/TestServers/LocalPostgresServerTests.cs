using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Store.Tests.TestServers;

/// <summary>
/// The private server from the local binaries, run even where the shared test server comes from a
/// container, so the fallback for machines without Docker (and the crash tests' server) keeps working.
/// </summary>
public sealed class LocalPostgresServerTests
{
    [Fact]
    public async Task A_durable_server_keeps_committed_rows_across_an_immediate_stop_and_a_restart_and_leaves_no_directory()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancellation.Token;
        var server = await LocalPostgresServer.StartAsync(durable: true, ct);
        var dataDirectory = server.DataDirectory;
        await using (server)
        {
            Assert.True(File.Exists(Path.Combine(server.BinDirectory, "pg_ctl")), $"no pg_ctl in {server.BinDirectory}");
            await ExecuteAsync(server, "CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1), (2), (3)", ct);

            await server.StopAsync(immediate: true, ct);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(server, "SELECT 1", ct));

            await server.StartAsync(ct);
            await using var connection = new NpgsqlConnection(server.AdminConnectionString);
            await connection.OpenAsync(ct);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM kept", connection);
            Assert.Equal(3L, await count.ExecuteScalarAsync(ct));
        }

        Assert.False(Directory.Exists(dataDirectory), $"{dataDirectory} is still there after the server was disposed");
    }

    private static async Task ExecuteAsync(LocalPostgresServer server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
