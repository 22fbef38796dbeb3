using Npgsql;

namespace GitOps.Store.Tests;

/// <summary>Applies db/002_resources.sql (embedded in this test assembly) to a fresh test database.</summary>
internal static class ResourceSchema
{
    public static async Task ApplyAsync(string connectionString)
    {
        await using var stream = typeof(ResourceSchema).Assembly.GetManifestResourceStream("GitOps.Migrations.002_resources.sql")
            ?? throw new InvalidOperationException("db/002_resources.sql is not embedded in the test assembly; check Store.Tests.csproj.");
        using var reader = new StreamReader(stream);
        var sql = await reader.ReadToEndAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
