using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace GitOps.TestSupport;

/// <summary>
/// One of the product's executables started as a real process from its build output (for the
/// end-to-end tests and the bench), with its output kept so a failure can show what the process said.
/// </summary>
public sealed class StartedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private StartedProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating system's process id (its /proc entry).</summary>
    public int Id => _process.Id;

    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts <c>dotnet src/{project}/bin/{configuration}/net10.0/GitOps.{project}.dll</c>, in
    /// <paramref name="workingDirectory"/> when given (else the test's own).
    /// </summary>
    public static StartedProcess Start(string project, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string? workingDirectory = null)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", project, "bin", BuildConfiguration, "net10.0", $"GitOps.{project}.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is missing: build it first (dotnet build builds it for the tests; dotnet build -c Release bench for the bench).", dll);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return new StartedProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}."));
    }

    /// <summary>Writes one line to the process's standard input (the node agent's control commands).</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Kills the process at once (SIGKILL, like <c>kill -9</c>): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Asks the process to stop (SIGTERM, as an orchestrator does), letting it shut down gracefully.</summary>
    public void Terminate() => Signal(SignalTerminate);

    /// <summary>The exit code once the process has exited; throws when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {timeout}; its last output:{Environment.NewLine}{RecentOutput}");
        }
        return _process.ExitCode;
    }

    /// <summary>Freezes the process (SIGSTOP): it keeps its sockets but answers nothing until <see cref="Resume"/>.</summary>
    public void Suspend() => Signal(SignalStop);

    /// <summary>Lets a suspended process run again (SIGCONT).</summary>
    public void Resume() => Signal(SignalContinue);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }

    // Linux signal numbers (x86-64 and arm64 agree on these).
    private const int SignalTerminate = 15;
    private const int SignalContinue = 18;
    private const int SignalStop = 19;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private void Signal(int signal)
    {
        if (SendSignal(_process.Id, signal) != 0)
            throw new InvalidOperationException(
                $"Sending signal {signal} to process {_process.Id} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
    }

    private static string BuildConfiguration =>
        typeof(StartedProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 400)
            _output.TryDequeue(out string? _);
    }
}
