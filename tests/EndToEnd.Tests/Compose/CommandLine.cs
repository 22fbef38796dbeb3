using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitOps.EndToEnd.Tests.Compose;

/// <summary>Runs a command to its end within a time limit, keeping what it printed.</summary>
public static class CommandLine
{
    /// <summary>
    /// Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/> with extra environment
    /// variables; the exit code, its standard output and its standard error. Killed, and a
    /// <see cref="TimeoutException"/> carrying its output, after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var output = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        if (!process.Start())
            throw new InvalidOperationException($"{fileName} could not be started.");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{Describe(fileName, info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s; its output:\n{string.Join('\n', output)}\n{string.Join('\n', errors)}");
        }
        process.WaitForExit();
        return (process.ExitCode, string.Join('\n', output), string.Join('\n', errors));
    }

    /// <summary>As <see cref="RunAsync"/>, returning the standard output; fails with the command line and its output when the exit code is not 0.</summary>
    public static async Task<string> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var list = arguments.ToArray();
        var (exitCode, output, errors) = await RunAsync(fileName, list, workingDirectory, environment, timeout, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException($"{Describe(fileName, list)} failed with code {exitCode}:\n{output}\n{errors}");
        return output;
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) => $"{fileName} {string.Join(' ', arguments)}";
}
