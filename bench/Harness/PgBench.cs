using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Bench.Harness;

/// <summary>Runs pgbench against a server of <see cref="PostgresServer"/> (as the postgres user when root).</summary>
public static partial class PgBench
{
    /// <summary>
    /// pgbench's simple-update transactions per second (<c>pgbench -N</c>: UPDATE, SELECT, INSERT per
    /// transaction) on a fresh scale-1 database of the server.
    /// </summary>
    public static async Task<double> SimpleUpdateTpsAsync(PostgresServer server, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var pgbench = Path.Combine(server.BinDirectory ?? throw new InvalidOperationException(
            "pgbench was not found: set GITOPS_PG_BIN to the directory of the PostgreSQL binaries."), "pgbench");
        var database = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseOnServerAsync("pgbench"));
        string[] connection = ["-h", database.Host ?? "127.0.0.1", "-p", database.Port.ToString(CultureInfo.InvariantCulture), "-U", database.Username ?? "postgres"];

        await RunAsync(pgbench, ["-i", "-q", .. connection, database.Database!], database.Password, cancellationToken);
        var output = await RunAsync(pgbench,
            ["-N", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
             "-T", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture), .. connection, database.Database!],
            database.Password, cancellationToken);
        var match = TpsPattern().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Could not find 'tps = ' in pgbench's output:{Environment.NewLine}{output}");
    }

    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, string? password, CancellationToken cancellationToken)
    {
        var asRoot = Environment.UserName == "root";
        var info = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", fileName, .. arguments]) : new ProcessStartInfo(fileName, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        if (password is not null)
            info.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with code {process.ExitCode}: {await stderr}");
        return await stdout + await stderr;
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsPattern();
}
