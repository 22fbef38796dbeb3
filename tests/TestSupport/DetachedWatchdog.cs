using System.Diagnostics;

namespace GitOps.TestSupport;

/// <summary>
/// Starts a shell script that outlives the test process on purpose: detached (setsid, its parent
/// gone at once), so neither a kill of the test process nor of its whole process tree (as the test
/// runner does when a test host crashes) takes it along. The script is given this process's id
/// first, then <c>arguments</c>; it should wait for that process to be gone, then clean up.
/// </summary>
internal static class DetachedWatchdog
{
    private const string Detach = """
        script=$1; shift
        setsid sh -c "$script" watchdog "$@" </dev/null >/dev/null 2>&1 &
        """;

    /// <summary>Starts <paramref name="script"/>, as the postgres user when <paramref name="asPostgres"/>.</summary>
    public static void Start(string script, IReadOnlyList<string> arguments, bool asPostgres)
    {
        string[] command = ["sh", "-c", Detach, "detach", script, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments];
        var info = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", .. command]) : new ProcessStartInfo(command[0], command[1..]);
        info.UseShellExecute = false;
        using var starter = Process.Start(info) ?? throw new InvalidOperationException("Could not start a watchdog (sh).");
        starter.WaitForExit();
        if (starter.ExitCode != 0)
            throw new InvalidOperationException($"Starting a watchdog failed with code {starter.ExitCode}.");
    }
}
