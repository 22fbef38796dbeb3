using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace GitOps.TestSupport;

/// <summary>
/// A private PostgreSQL server started from the local binaries, in a temporary directory on a free
/// port of 127.0.0.1 (as the postgres user when running as root). It can be stopped (also like a
/// crash, <c>pg_ctl stop -m immediate</c>) and started again on the same data directory and port. A
/// detached watchdog stops it and removes its directory when the test process is gone, even if that
/// process (or its whole process tree) was killed and never disposed it.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    public const string BinDirectoryVariable = "GITOPS_PG_BIN";

    private readonly string _directory;
    private readonly bool _durable;

    private LocalPostgresServer(string directory, string binDirectory, int port, bool durable)
    {
        _directory = directory;
        BinDirectory = binDirectory;
        Port = port;
        _durable = durable;
    }

    /// <summary>The directory of the server binaries (pg_ctl, pgbench).</summary>
    public string BinDirectory { get; }

    /// <summary>The cluster's data directory (PGDATA), owned by the postgres user when running as root.</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The server's log file, appended to across restarts.</summary>
    public string LogFile => Path.Combine(_directory, "server.log");

    public int Port { get; }

    /// <summary>Superuser <c>postgres</c> on database <c>postgres</c>, trusted on 127.0.0.1.</summary>
    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100";

    /// <summary>
    /// Makes a new cluster and starts it. Without <paramref name="durable"/>, fsync, synchronous
    /// commit and full-page writes are off for speed; a durable server keeps every commit across
    /// <see cref="StopAsync"/> with <c>immediate</c>.
    /// </summary>
    public static async Task<LocalPostgresServer> StartAsync(bool durable, CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries were found (looked in ${BinDirectoryVariable}, /usr/lib/postgresql/*/bin and PATH). " +
            "Install PostgreSQL (apt-get install postgresql), or run ./test.sh as root, which installs it. " +
            $"(The shared test server needs none when {PostgresServer.ConnectionStringVariable} is set or a Docker engine answers.)");

        var directory = Path.Combine(Path.GetTempPath(), $"gitops-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (AsRoot)
            await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false, cancellationToken);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(directory, "data"), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], AsRoot, cancellationToken);

        DetachedWatchdog.Start(WatchdogScript, [directory, Path.Combine(bin, "pg_ctl")], AsRoot);
        var server = new LocalPostgresServer(directory, bin, FreePorts.Next(), durable);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server on its data directory and port (after <see cref="StopAsync"/>), and waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var settings = new List<string>
        {
            "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _directory, "-h", "127.0.0.1",
            "-c", "max_connections=300", "-c", "shared_buffers=128MB",
        };
        if (!_durable)
            settings.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        try
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", string.Join(' ', settings)], AsRoot, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"PostgreSQL did not start in {DataDirectory}: {e.Message}{Environment.NewLine}{LogTail()}", e);
        }
    }

    /// <summary>
    /// Stops the server: a fast shutdown, or with <paramref name="immediate"/> one that writes
    /// nothing, as a crash would (the next start recovers from the WAL).
    /// </summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w"], AsRoot, cancellationToken);
    }

    /// <summary>Stops the server if it runs and removes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w"], AsRoot, CancellationToken.None);
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Stops the server and removes its directory at process exit, where nothing can be awaited.</summary>
    public void DisposeAtExit()
    {
        try
        {
            DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(15));
        }
        catch (Exception)
        {
            // Best effort at process exit: the watchdog removes what is left.
        }
    }

    /// <summary>The directory of the newest local PostgreSQL binaries: $GITOPS_PG_BIN, /usr/lib/postgresql/*/bin, then PATH; null when there are none.</summary>
    public static string? FindBinDirectory()
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

    // Waits for the test process to be gone, then stops the server (fast shutdown) if it runs and
    // removes the directory, so killed test runs leave no server and no files behind. A directory
    // removed by DisposeAsync ends it early.
    private const string WatchdogScript = """
        parent=$1; directory=$2; pg_ctl=$3
        while [ -d /proc/$parent ] && [ -d "$directory" ]; do sleep 1; done
        [ -d "$directory" ] || exit 0
        "$pg_ctl" stop -D "$directory/data" -m fast -w
        rm -rf "$directory"
        """;

    private string LogTail()
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(30));
        }
        catch (IOException e)
        {
            return $"(no server log: {e.Message})";
        }
    }

    private static bool AsRoot => Environment.UserName == "root";

    // PostgreSQL refuses to run as root, so as root every server command runs as the postgres user.
    private static ProcessStartInfo StartInfo(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var info = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", fileName, .. arguments])
            : new ProcessStartInfo(fileName, arguments);
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        info.UseShellExecute = false;
        return info;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, asPostgres)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with code {process.ExitCode}: {await stderr}{await stdout}");
    }
}
