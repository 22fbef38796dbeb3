using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GitOps.TestSupport;

/// <summary>
/// A PostgreSQL server for tests: the one named by GITOPS_TEST_POSTGRES when set, otherwise a
/// private server started from the local binaries in a temporary directory on a free port (as
/// the postgres user when running as root), stopped when the process exits. Each caller gets a
/// fresh database, so tests never see each other's rows.
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionStringVariable = "GITOPS_TEST_POSTGRES";
    public const string BinDirectoryVariable = "GITOPS_PG_BIN";

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? _shared;
    private static int _databaseCounter;
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> ServerLog = new();

    private readonly string _adminConnectionString;
    private readonly Process? _ownedProcess;
    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory, Process? ownedProcess)
    {
        _adminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        _ownedProcess = ownedProcess;
    }

    public string AdminConnectionString => _adminConnectionString;

    /// <summary>The directory of the server binaries (pgbench lives there), when known.</summary>
    public string? BinDirectory => _binDirectory;

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
            return new PostgresServer(external, null, FindBinDirectory(), null);
        }

        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries were found (looked in $" + BinDirectoryVariable +
            ", /usr/lib/postgresql/*/bin and PATH). Install PostgreSQL (apt-get install postgresql) " +
            "or set " + ConnectionStringVariable + " to the connection string of a server the tests may create databases on.");

        var asRoot = Environment.UserName == "root";
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"gitops-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        if (asRoot)
            await RunAsync("chown", ["postgres:postgres", dataDirectory], asRoot: false);

        var pgData = Path.Combine(dataDirectory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", pgData, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], asRoot);

        var port = FreePort();
        var settings = new List<string>
        {
            "-D", pgData, "-p", port.ToString(), "-k", dataDirectory, "-h", "127.0.0.1",
            "-c", "max_connections=300", "-c", "shared_buffers=128MB",
        };
        if (!durable)
            settings.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);

        var process = StartProcess("sh", ["-c", WatchdogScript, "watchdog", Environment.ProcessId.ToString(), dataDirectory, Path.Combine(bin, "postgres"), .. settings], asRoot);
        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100";
        await WaitUntilReadyAsync(admin, process, dataDirectory);

        var server = new PostgresServer(admin, dataDirectory, bin, process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            if (_ownedProcess is { HasExited: false })
            {
                var stop = StartInfo(Path.Combine(_binDirectory!, "pg_ctl"), ["stop", "-D", Path.Combine(_dataDirectory!, "data"), "-m", "fast", "-w"], Environment.UserName == "root");
                using (var stopper = Process.Start(stop))
                    stopper?.WaitForExit(10000);
                if (!_ownedProcess.WaitForExit(5000))
                    _ownedProcess.Kill(entireProcessTree: true);
            }
            if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
                Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at process exit: a leftover temporary directory is harmless.
        }
    }

    // Runs the server and stops it (fast shutdown) when the test process is gone, even if that
    // process crashed or was killed and never ran its exit handler; then removes the data
    // directory, so killed test runs leave no server files behind.
    private const string WatchdogScript = """
        parent=$1; directory=$2; shift 2
        "$@" &
        server=$!
        trap 'kill -INT $server; wait $server; rm -rf "$directory"; exit 0' INT TERM
        while [ -d /proc/$parent ] && kill -0 $server 2>/dev/null; do sleep 1; done
        kill -INT $server 2>/dev/null
        wait $server
        rm -rf "$directory"
        """;

    private static async Task WaitUntilReadyAsync(string connectionString, Process process, string dataDirectory)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"PostgreSQL exited at start-up (code {process.ExitCode}) in {dataDirectory}: {string.Join(Environment.NewLine, ServerLog)}");
            try
            {
                await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (Exception e)
            {
                last = e;
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"PostgreSQL did not accept connections within 30 s: {last?.Message}", last);
    }

    private static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(Path.Combine(configured, "postgres")))
            return configured;
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var versioned = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (versioned is not null)
                return versioned;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartProcess(string fileName, IReadOnlyList<string> arguments, bool asRoot)
    {
        var info = StartInfo(fileName, arguments, asRoot);
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // Both pipes are drained so a chatty server never blocks on a full pipe; the last lines explain a failed start.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            ServerLog.Enqueue(e.Data);
            while (ServerLog.Count > 50)
                ServerLog.TryDequeue(out string? _);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // PostgreSQL refuses to run as root, so as root every server command runs as the postgres user.
    private static ProcessStartInfo StartInfo(string fileName, IReadOnlyList<string> arguments, bool asRoot)
    {
        var info = asRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", fileName, .. arguments])
            : new ProcessStartInfo(fileName, arguments);
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        return info;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asRoot)
    {
        var info = StartInfo(fileName, arguments, asRoot);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with code {process.ExitCode}: {await stderr}{await stdout}");
    }
}
