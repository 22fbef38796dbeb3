using System.Diagnostics;
using System.Globalization;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// The process groups of the containers this agent started, recorded as one file per group in
/// <c>{WorkDirectory}/groups/{pgid}</c> (the boot, the leader's start time and the container), so none outlives the
/// agent: a guardian shell, started in its own session with a pipe from the agent as its stdin, kills every recorded
/// group the moment that pipe closes (the agent exited or was killed, even by SIGKILL); and a starting agent kills
/// the groups an earlier run left (the guardian was killed too, or the host lost power) before it runs any pod, so
/// a restart never runs a second copy of a container.
/// </summary>
public sealed class ProcessGroups : IDisposable
{
    /// <summary>The guardian's name in its command line, so it can be found with ps.</summary>
    public const string GuardianName = "gitops-node-agent-guardian";

    private const string GuardianScript =
        "while read -r _; do :; done; for f in \"$1\"/*; do [ -f \"$f\" ] || continue; kill -9 \"-${f##*/}\" 2>/dev/null; rm -f \"$f\"; done";

    private readonly Process _guardian;

    private ProcessGroups(string directory, Process guardian)
    {
        Directory = directory;
        _guardian = guardian;
    }

    public string Directory { get; }

    /// <summary>How many groups an earlier run left and this start killed.</summary>
    public int KilledLeftovers { get; private init; }

    /// <summary>Kills what an earlier run left, then starts the guardian.</summary>
    public static ProcessGroups Start(string workDirectory, ProcessTools tools)
    {
        var directory = Path.Combine(workDirectory, "groups");
        System.IO.Directory.CreateDirectory(directory);
        var killed = KillLeftovers(directory);
        var info = new ProcessStartInfo(tools.Setsid) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { tools.Shell, "-c", GuardianScript, GuardianName, directory })
            info.ArgumentList.Add(argument);
        var guardian = Process.Start(info) ?? throw new InvalidOperationException($"Could not start the process guardian ({tools.Setsid}).");
        return new ProcessGroups(directory, guardian) { KilledLeftovers = killed };
    }

    /// <summary>Records a container's new group (its leader's pid, as setsid made it leader of a new session and group).</summary>
    public void Record(int pgid, string container)
    {
        var text = string.Join('\n', BootId(), StartTicks(pgid)?.ToString(CultureInfo.InvariantCulture) ?? "", container);
        File.WriteAllText(Path.Combine(Directory, pgid.ToString(CultureInfo.InvariantCulture)), text);
    }

    /// <summary>Kills the whole group (what the container forked too) and forgets it.</summary>
    public void Kill(int pgid)
    {
        UnixSignals.Send(-pgid, UnixSignals.SigKill);
        File.Delete(Path.Combine(Directory, pgid.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Closes the guardian's stdin: it kills any group still recorded and exits.</summary>
    public void Dispose()
    {
        _guardian.StandardInput.Close();
        _guardian.Dispose();
    }

    private static int KillLeftovers(string directory)
    {
        var killed = 0;
        var boot = BootId();
        foreach (var file in System.IO.Directory.GetFiles(directory))
        {
            var lines = File.ReadAllLines(file);
            // A group of an earlier boot is gone; its number may now be another process's.
            if (int.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var pgid)
                && lines.Length > 0 && lines[0] == boot && IsOurGroup(pgid, lines.Length > 1 ? lines[1] : ""))
            {
                UnixSignals.Send(-pgid, UnixSignals.SigKill);
                killed++;
            }
            File.Delete(file);
        }
        return killed;
    }

    /// <summary>True when the leader still runs with the recorded start time, or (the leader gone) a process is still in the group and its session.</summary>
    private static bool IsOurGroup(int pgid, string recordedStart)
    {
        if (StartTicks(pgid) is { } start)
            return start.ToString(CultureInfo.InvariantCulture) == recordedStart;
        foreach (var stat in System.IO.Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            if (ReadStat(stat) is { } fields && fields.Length > 4 && fields[3] == pgid.ToString(CultureInfo.InvariantCulture) && fields[4] == fields[3])
                return true;
        }
        return false;
    }

    /// <summary>The process's start time in clock ticks since boot (/proc/PID/stat field 22), or null when it does not run.</summary>
    private static long? StartTicks(int pid) =>
        ReadStat($"/proc/{pid}/stat") is { Length: > 20 } fields && long.TryParse(fields[20], CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    /// <summary>/proc/PID/stat's fields, the command (in parentheses, spaces allowed) as one.</summary>
    private static string[]? ReadStat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var close = text.LastIndexOf(')');
            return close < 0 ? null : [text[..(close + 1)], .. text[(close + 2)..].Split(' ')];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string BootId()
    {
        const string BootIdFile = "/proc/sys/kernel/random/boot_id";
        return File.Exists(BootIdFile) ? File.ReadAllText(BootIdFile).Trim() : "";
    }
}
