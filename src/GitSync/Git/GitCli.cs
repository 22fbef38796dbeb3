using System.Diagnostics;
using System.Text;
using GitOps.GitSync.Logging;
using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Git;

/// <summary>
/// Runs the git command-line client: an argument list (no shell), a timeout after which the
/// process tree is killed, and an environment that forbids prompts and carries credentials.
/// </summary>
public sealed class GitCli(ILogger<GitCli> logger, string executable = "git")
{
    public async Task<GitCommandResult> RunAsync(
        IReadOnlyList<string> arguments, GitAccess access, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(arguments, access, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var timedOut = await WaitAsync(process, timeout, cancellationToken);
        var result = new GitCommandResult(
            timedOut ? -1 : process.ExitCode,
            await CompletedOrEmpty(stdout),
            // ssh writes its messages with CRLF line ends; one form keeps them readable in status and logs.
            RepositoryUrl.RedactText((await CompletedOrEmpty(stderr)).Replace("\r\n", "\n", StringComparison.Ordinal)),
            timedOut);
        if (!result.Succeeded)
            Log.GitCommandFailed(logger, Describe(arguments), result.ExitCode, result.StandardError.Trim());
        return result;
    }

    /// <summary>
    /// Runs a git command that reads stdin and writes binary stdout (cat-file --batch): the caller
    /// writes requests and reads answers concurrently.
    /// </summary>
    public Process StartStreaming(IReadOnlyList<string> arguments, GitAccess access) =>
        Start(arguments, access, redirectInput: true);

    /// <summary>Waits for exit; true when the timeout struck first (the process tree is then killed).</summary>
    public static async Task<bool> WaitAsync(Process process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill: nothing left to stop.
        }
    }

    private Process Start(IReadOnlyList<string> arguments, GitAccess access, bool redirectInput)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = redirectInput ? null : Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in GitEnvironment.For(access))
        {
            if (value is null)
                info.Environment.Remove(name);
            else
                info.Environment[name] = value;
        }
        Log.GitCommandStarting(logger, Describe(arguments));
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{executable}'. Check that git is installed and on PATH.");
    }

    private static string Describe(IReadOnlyList<string> arguments) =>
        RepositoryUrl.RedactText("git " + string.Join(' ', arguments));

    private static async Task<string> CompletedOrEmpty(Task<string> read)
    {
        try
        {
            return await read;
        }
        catch (OperationCanceledException)
        {
            return "";
        }
    }
}
