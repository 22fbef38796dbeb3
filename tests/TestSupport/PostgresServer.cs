using Npgsql;

namespace GitOps.TestSupport;

/// <summary>
/// The PostgreSQL server of a test process, first found of: the one named by GITOPS_TEST_POSTGRES;
/// a container started through Testcontainers when a Docker engine answers
/// (<see cref="PostgresContainerServer"/>); a private server from the local binaries
/// (<see cref="LocalPostgresServer"/>). A durable server (what the bench measures on) comes from the local
/// binaries before a container when there are any, so Docker's port proxy stays out of the figures. The
/// last two are removed when the process exits, or by their watchdogs when it dies. Each caller gets a
/// fresh database, so tests never see each other's rows.
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionStringVariable = "GITOPS_TEST_POSTGRES";
    public const string BinDirectoryVariable = LocalPostgresServer.BinDirectoryVariable;

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? _shared;
    private static int _databaseCounter;

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString, PostgresServerKind kind, string? binDirectory)
    {
        _adminConnectionString = adminConnectionString;
        Kind = kind;
        BinDirectory = binDirectory;
    }

    public string AdminConnectionString => _adminConnectionString;

    /// <summary>Where the server came from.</summary>
    public PostgresServerKind Kind { get; }

    /// <summary>The directory of local PostgreSQL binaries (pgbench lives there), when there are any.</summary>
    public string? BinDirectory { get; }

    /// <summary>The shared server of this process, started on first use.</summary>
    public static async Task<PostgresServer> GetAsync(bool durable = false)
    {
        await StartLock.WaitAsync();
        try
        {
            return _shared ??= await StartAsync(durable);
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var server = await GetAsync();
        return await server.CreateDatabaseOnServerAsync(prefix);
    }

    public async Task<string> CreateDatabaseOnServerAsync(string prefix)
    {
        var unique = $"_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        var name = (prefix.Length + unique.Length > 60 ? prefix[..(60 - unique.Length)] : prefix).ToLowerInvariant() + unique;
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync(bool durable)
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            await using var probe = new NpgsqlConnection(external);
            try
            {
                await probe.OpenAsync();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"{ConnectionStringVariable} is set but PostgreSQL cannot be reached with it: {e.Message}", e);
            }
            return new PostgresServer(external, PostgresServerKind.External, LocalPostgresServer.FindBinDirectory());
        }

        var measuredLocally = durable && LocalPostgresServer.FindBinDirectory() is not null;
        if (!measuredLocally && await DockerEngine.AnswersAsync())
        {
            var container = await PostgresContainerServer.StartAsync(durable);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAtExit();
            return new PostgresServer(container.AdminConnectionString, PostgresServerKind.Container, LocalPostgresServer.FindBinDirectory());
        }

        var local = await LocalPostgresServer.StartAsync(durable);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => local.DisposeAtExit();
        return new PostgresServer(local.AdminConnectionString, PostgresServerKind.Local, local.BinDirectory);
    }
}
