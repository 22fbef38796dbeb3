using System.Diagnostics;

namespace GitOps.TestSupport;

/// <summary>
/// The Docker engine the tests may use, asked through the <c>docker</c> CLI. Testcontainers' client
/// defaults to a newer API than Debian's engine (20.10, API 1.41) speaks, so the engine's own API
/// version is exported as DOCKER_API_VERSION when that is not set already.
/// </summary>
public static class DockerEngine
{
    public const string ApiVersionVariable = "DOCKER_API_VERSION";

    /// <summary>The engine's API version when an engine answers, else null (no CLI, no engine, or no answer within 10 s).</summary>
    public static async Task<string?> ApiVersionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var (exitCode, output) = await RunAsync(["version", "--format", "{{.Server.APIVersion}}"], TimeSpan.FromSeconds(10), cancellationToken);
            var version = output.Trim();
            return exitCode == 0 && version.Length > 0 && char.IsDigit(version[0]) ? version : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whether an engine answers; when it does, DOCKER_API_VERSION is set for this process.</summary>
    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken = default)
    {
        var version = await ApiVersionAsync(cancellationToken);
        if (version is null)
            return false;
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ApiVersionVariable)))
            Environment.SetEnvironmentVariable(ApiVersionVariable, version);
        return true;
    }

    /// <summary>Runs <c>docker</c> with <paramref name="arguments"/>; the exit code and what it printed (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("docker could not be started.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
