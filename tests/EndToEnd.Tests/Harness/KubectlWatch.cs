using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// A long-running real <c>kubectl get -w</c> against one gateway, its output lines collected as they
/// come. A kubeconfig and cache of its own in a temporary directory, so it never touches the user's.
/// </summary>
public sealed class KubectlWatch : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private KubectlWatch(Process process, string directory)
    {
        _process = process;
        _directory = directory;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The lines kubectl printed so far.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    public bool HasExited => _process.HasExited;

    public string Describe() =>
        $"kubectl {(HasExited ? $"exited ({_process.ExitCode})" : "running")}; stdout:\n{string.Join('\n', _lines)}\nstderr:\n{string.Join('\n', _errors)}";

    /// <summary>Starts <c>kubectl --server {server} {arguments}</c>.</summary>
    public static KubectlWatch Start(Uri server, params string[] arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gitops-e2e-kubectl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(directory, "cache"),
                     "--server", server.ToString().TrimEnd('/'), .. arguments])
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl could not be started; is it on PATH?");
        return new KubectlWatch(process, directory);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
