using System.Diagnostics;
using System.Text;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>
/// Runs the real kubectl against a gateway: a kubeconfig in a temporary directory pointing at the
/// gateway's address, and a private cache directory, so runs never touch the user's config.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory;
    private readonly string _kubeconfig;
    private readonly string _cacheDirectory;

    /// <summary>
    /// A kubectl for <paramref name="server"/>; with <paramref name="token"/> its kubeconfig user sends that bearer token
    /// (kubectl sends it over https only; the test server's self-signed certificate is not verified).
    /// </summary>
    public Kubectl(Uri server, string? token = null)
    {
        _directory = Path.Combine(Path.GetTempPath(), $"gitops-kubectl-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(_directory);
        _kubeconfig = Path.Combine(_directory, "kubeconfig");
        _cacheDirectory = Path.Combine(_directory, "cache");
        File.WriteAllText(_kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: gitops
              cluster:
                server: {server.ToString().TrimEnd('/')}
                insecure-skip-tls-verify: {(server.Scheme == Uri.UriSchemeHttps ? "true" : "false")}
            contexts:
            - name: gitops
              context:
                cluster: gitops
                user: gitops
                namespace: default
            current-context: gitops
            users:
            - name: gitops
              user: {(token is null ? "{}" : $"{{token: {token}}}")}
            """);
    }

    public string Directory => _directory;

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public async Task<Result> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("kubectl could not be started; is it on PATH?");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s: {await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running kubectl (e.g. get -w) whose output lines are collected as they come.</summary>
    public RunningKubectl Start(params string[] arguments)
    {
        var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("kubectl could not be started; is it on PATH?");
        return new RunningKubectl(process);
    }

    private ProcessStartInfo StartInfo(string[] arguments)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(_kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(_cacheDirectory);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["KUBECONFIG"] = _kubeconfig;
        info.Environment["HOME"] = _directory;
        return info;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
