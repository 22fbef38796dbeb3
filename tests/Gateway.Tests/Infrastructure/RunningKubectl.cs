using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>A kubectl process still running (a watch); its output lines are collected as they arrive.</summary>
public sealed class RunningKubectl : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public RunningKubectl(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Errors => string.Join('\n', _errors);

    /// <summary>Waits until some output line satisfies <paramref name="predicate"/>; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.Any(predicate))
                return true;
            if (_process.HasExited)
                return _lines.Any(predicate);
            await Task.Delay(50);
        }
        return false;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
