using System.Diagnostics;
using Npgsql;

namespace GitOps.TestSupport;

/// <summary>
/// A private PostgreSQL 15 server for crash and outage tests, durable as in production (fsync,
/// synchronous_commit and full_page_writes on), that the test may crash with
/// <c>pg_ctl stop -m immediate</c> and start again on the same data directory and port. Started from
/// /usr/lib/postgresql/15/bin, as the postgres user when running as root. Dispose stops it and
/// removes its directory; a watchdog does the same if the test process dies first.
/// </summary>
public sealed class DurablePostgres : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    // Runs the server in the foreground. When the test process is gone (killed, crashed) it stops
    // the server and removes the directory; when only the server ended (pg_ctl stop) it just exits,
    // so the test can start the server again on the same directory.
    private const string WatchdogScript = """
        parent=$1; directory=$2; shift 2
        "$@" &
        server=$!
        while [ -d /proc/$parent ] && kill -0 $server 2>/dev/null; do sleep 1; done
        if [ ! -d /proc/$parent ]; then kill -INT $server 2>/dev/null; wait $server; rm -rf "$directory"; fi
        """;

    private static readonly bool AsRoot = Environment.UserName == "root";

    private readonly string _directory;
    private readonly int _port;
    private Process? _server;

    private DurablePostgres(string directory, int port, string connectionString)
    {
        _directory = directory;
        _port = port;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of the server's one database, <c>gitops</c>.</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>Initialises a data directory, starts the server and creates the <c>gitops</c> database.</summary>
    public static async Task<DurablePostgres> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/postgres is missing): apt-get install postgresql-15.");
        var directory = Path.Combine(Path.GetTempPath(), $"gitops-durable-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var port = FreePorts.Next();
        var server = new DurablePostgres(directory, port, $"Host=127.0.0.1;Port={port};Username=postgres;Database=gitops;Maximum Pool Size=100");
        try
        {
            if (AsRoot)
                await RunAsync("chown", ["postgres:postgres", directory], asRoot: false, cancellationToken);
            await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8"], AsRoot, cancellationToken);
            await server.StartAgainAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(server.AdminConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand("CREATE DATABASE gitops", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server on its data directory and port (after <see cref="StopImmediatelyAsync"/>); returns once it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        if (_server is { HasExited: false })
            throw new InvalidOperationException("The durable PostgreSQL server is already running.");
        _server?.Dispose();
        string[] postgres =
        [
            Path.Combine(BinDirectory, "postgres"), "-D", DataDirectory, "-p", _port.ToString(), "-k", _directory, "-h", "127.0.0.1",
            "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on", "-c", "max_connections=200",
        ];
        _server = Process.Start(StartInfo("sh", ["-c", WatchdogScript, "watchdog", Environment.ProcessId.ToString(), _directory, .. postgres], AsRoot))
                  ?? throw new InvalidOperationException("Could not start PostgreSQL.");
        var output = ReadAllAsync(_server);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"PostgreSQL exited at start (code {_server.ExitCode}) in {_directory}: {await output}");
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>
    /// <c>pg_ctl stop -m immediate</c>: every server process quits at once, without a checkpoint, as in
    /// a crash; the next start replays the write-ahead log. Clients' connections break.
    /// </summary>
    public async Task StopImmediatelyAsync(CancellationToken cancellationToken)
    {
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], AsRoot, cancellationToken);
        if (_server is not null)
            await _server.WaitForExitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is { HasExited: false })
        {
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], AsRoot, CancellationToken.None);
            }
            finally
            {
                if (!_server.WaitForExit(10_000))
                    _server.Kill(entireProcessTree: true);
            }
        }
        _server?.Dispose();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    // PostgreSQL refuses to run as root, so as root every server command runs as the postgres user.
    private static ProcessStartInfo StartInfo(string fileName, IReadOnlyList<string> arguments, bool asRoot)
    {
        var info = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", fileName, .. arguments]) : new ProcessStartInfo(fileName, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return info;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asRoot, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, asRoot)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = ReadAllAsync(process);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with code {process.ExitCode}: {await output}");
    }

    // Both pipes are drained, so a chatty server never blocks on a full pipe; the text explains a failure.
    private static async Task<string> ReadAllAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return await stderr + await stdout;
    }
}
