using System.Diagnostics;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// One run of a container: a local process started without a shell (unless the command is one),
/// with exactly the container's environment, its stdout and stderr appended to a log file.
/// </summary>
internal sealed class ContainerProcess : IDisposable
{
    private readonly Process _process;
    private readonly FileStream _log;
    private readonly SemaphoreSlim _logLock = new(1, 1);
    private readonly Task _copyOut;
    private readonly Task _copyErr;

    private ContainerProcess(Process process, FileStream log, DateTimeOffset startedAt)
    {
        _process = process;
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

    /// <summary>Starts the process, noting when on <paramref name="time"/>; throws <see cref="System.ComponentModel.Win32Exception"/> when the executable cannot be run.</summary>
    public static ContainerProcess Start(ContainerLaunch launch, string logPath, TimeProvider time)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = launch.WorkingDirectory,
        };
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
            return new ContainerProcess(process, log, time.GetUtcNow());
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>Asks the process to stop (SIGTERM); false when it has already exited.</summary>
    public bool Terminate() => !_process.HasExited && UnixSignals.Send(_process.Id, UnixSignals.SigTerm);

    /// <summary>Kills the process and its children at once (SIGKILL).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
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
