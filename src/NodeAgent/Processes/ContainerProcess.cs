using System.Diagnostics;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// One run of a container: a local process started without a shell (unless the command is one), with exactly the
/// container's environment, its stdout and stderr appended to a log file. It runs through setsid, prlimit and setpriv
/// (see <see cref="ContainerIsolation"/>): the leader of its own session and process group, whose id is its pid, so
/// a kill ends everything it forked, and its exit kills what it left behind.
/// </summary>
internal sealed class ContainerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ProcessGroups _groups;
    private readonly FileStream _log;
    private readonly SemaphoreSlim _logLock = new(1, 1);
    private readonly Task _copyOut;
    private readonly Task _copyErr;

    private ContainerProcess(Process process, ProcessGroups groups, FileStream log, DateTimeOffset startedAt)
    {
        _process = process;
        _groups = groups;
        _log = log;
        StartedAt = startedAt;
        _copyOut = CopyAsync(process.StandardOutput.BaseStream);
        _copyErr = CopyAsync(process.StandardError.BaseStream);
        Exited = WaitForExitAsync();
    }

    public int Id => _process.Id;

    public DateTimeOffset StartedAt { get; }

    /// <summary>The exit code once the process has ended (128 + signal number when killed by a signal).</summary>
    public Task<int> Exited { get; }

    /// <summary>
    /// Starts the process, noting when on <paramref name="time"/>; throws <see cref="System.ComponentModel.Win32Exception"/>
    /// or <see cref="FileNotFoundException"/> when the executable cannot be run.
    /// </summary>
    public static ContainerProcess Start(ContainerLaunch launch, string logPath, string container, ContainerIsolation isolation, TimeProvider time)
    {
        CheckExecutable(launch);
        var info = new ProcessStartInfo(isolation.Tools.Setsid)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = launch.WorkingDirectory,
        };
        if (launch.MemoryLimitBytes is { } bytes)
        {
            info.ArgumentList.Add(isolation.Tools.Prlimit);
            info.ArgumentList.Add($"--as={bytes}");
        }
        if (isolation.RunAs is { } user)
        {
            info.ArgumentList.Add(isolation.Tools.Setpriv);
            info.ArgumentList.Add($"--reuid={user.Uid}");
            info.ArgumentList.Add($"--regid={user.Gid}");
            info.ArgumentList.Add("--clear-groups");
            info.ArgumentList.Add("--");
        }
        // As written, so the program's argv[0] is the container's command; the last tool finds it on the container's
        // PATH after the switch to the unprivileged user.
        info.ArgumentList.Add(launch.FileName);
        foreach (var argument in launch.Arguments)
            info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
            info.Environment[name] = value;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        try
        {
            var process = Process.Start(info) ?? throw new InvalidOperationException($"Starting {launch.FileName} returned no process.");
            isolation.Groups.Record(process.Id, container);
            return new ContainerProcess(process, isolation.Groups, log, time.GetUtcNow());
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Asks the container to stop: SIGTERM to its main process only, as a container runtime signals PID 1 (it decides
    /// what its children get); false when it has already exited.
    /// </summary>
    public bool Terminate() => !_process.HasExited && UnixSignals.Send(_process.Id, UnixSignals.SigTerm);

    /// <summary>Kills the container's process group at once (SIGKILL): its main process and whatever it forked.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _groups.Kill(_process.Id);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>
    /// Checks that the container's PATH finds the executable (as the last tool will), so a missing one is a
    /// StartError as before, not an exit code of the tools in between.
    /// </summary>
    private static void CheckExecutable(ContainerLaunch launch)
    {
        if (launch.FileName.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.IsPathRooted(launch.FileName) ? launch.FileName : Path.Combine(launch.WorkingDirectory, launch.FileName);
            if (!File.Exists(path))
                throw new FileNotFoundException($"no such file: {launch.FileName}", launch.FileName);
            return;
        }
        var searchPath = launch.Environment.LastOrDefault(e => e.Key == "PATH").Value ?? "/usr/bin:/bin";
        if (!searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, launch.FileName))))
            throw new FileNotFoundException($"executable file not found in $PATH: {launch.FileName}", launch.FileName);
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        // What the main process forked dies with it, as in a container, and the group is forgotten.
        _groups.Kill(_process.Id);
        // A child that kept the pipes open must not hold up the exit: give the output a moment to drain.
        var copies = Task.WhenAll(_copyOut, _copyErr);
        await Task.WhenAny(copies, Task.Delay(TimeSpan.FromSeconds(1)));
        _ = copies.ContinueWith(_ => _log.Dispose(), TaskScheduler.Default);
        return _process.ExitCode;
    }

    private async Task CopyAsync(Stream source)
    {
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await _logLock.WaitAsync();
                try
                {
                    await _log.WriteAsync(buffer.AsMemory(0, read));
                    await _log.FlushAsync();
                }
                finally
                {
                    _logLock.Release();
                }
            }
        }
        catch (IOException)
        {
            // The pipe closed under a killed process; what was read is in the log.
        }
    }
}
