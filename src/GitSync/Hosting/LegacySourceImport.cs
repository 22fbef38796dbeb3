using System.Text.Json;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GitOps.GitSync.Hosting;

/// <summary>
/// Brings the Git sources that were added through the API under the grain runtime this project ran on
/// before Orleans (its <c>grain_state</c> table, db/001) into the source registry grain, once. Each is
/// added and defined as if added through the API now, so it syncs again from Git (its sync history stays
/// behind). The old row is deleted in the transaction that read it, after every source is in, so a
/// source removed later is never brought back; a failed import is retried at the next start.
/// </summary>
internal sealed class LegacySourceImport(string connectionString, IGrainFactory grains, ILogger<LegacySourceImport> logger) : BackgroundService
{
    private const string LegacyRegistryType = "GitOps.GitSync.Grains.SourceRegistryGrain";

    // The old runtime persisted state as System.Text.Json with web defaults.
    private static readonly JsonSerializerOptions LegacyFormat = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var imported = await ImportAsync(stoppingToken);
            if (imported > 0)
                Log.LegacySourcesImported(logger, imported);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.LegacySourceImportFailed(logger, exception.Message);
        }
    }

    /// <summary>Imports the old registry's API sources; the number newly added.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var read = new NpgsqlCommand(
            "SELECT data FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = 'registry' FOR UPDATE", connection, transaction);
        read.Parameters.AddWithValue(LegacyRegistryType);
        read.Parameters.AddWithValue(ISourceRegistryGrain.Key);
        if (await read.ExecuteScalarAsync(cancellationToken) is not byte[] data)
            return 0;

        var legacy = JsonSerializer.Deserialize<SourceRegistryState>(data, LegacyFormat) ?? new SourceRegistryState();
        var registry = grains.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key);
        var imported = 0;
        foreach (var spec in legacy.ApiSources)
        {
            if (!await registry.AddAsync(spec, cancellationToken))
                continue;
            await grains.GetGrain<IGitSourceGrain>(spec.Name).ConfigureAsync(spec, cancellationToken);
            imported++;
        }

        await using var delete = new NpgsqlCommand(
            "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = 'registry'", connection, transaction);
        delete.Parameters.AddWithValue(LegacyRegistryType);
        delete.Parameters.AddWithValue(ISourceRegistryGrain.Key);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return imported;
    }
}
