using System.Diagnostics;
using System.Net.Sockets;
using GitOps.TestSupport;

namespace GitOps.Bench.Harness;

/// <summary>
/// A private single-member etcd for the peer comparison: the <c>etcd</c> found on PATH, with its
/// defaults (fsync of its WAL on every commit), data in a fresh temporary directory, client and peer
/// URLs on free 127.0.0.1 ports. Disposing kills it and deletes the directory.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private EtcdServer(Process process, string directory, string clientUrl, string version)
    {
        _process = process;
        _directory = directory;
        ClientUrl = clientUrl;
        Version = version;
    }

    public int ProcessId => _process.Id;

    public string ClientUrl { get; }

    public string Version { get; }

    public static async Task<EtcdServer> StartAsync(CancellationToken cancellationToken)
    {
        var executable = FindOnPath("etcd") ?? throw new InvalidOperationException(
            "etcd is not on PATH: the peer scenario compares the store with a private etcd. Install it with " +
            "'apt-get install -y etcd-server' (Debian; etcd 3.4) or put an etcd binary on PATH, then run the scenario again.");
        var version = await RunForOutputAsync(executable, "--version", cancellationToken);
        var directory = Directory.CreateTempSubdirectory("gitops-bench-etcd-").FullName;
        var clientUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var peerUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--name", "bench", "--data-dir", Path.Combine(directory, "data"),
            "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", $"bench={peerUrl}", "--log-level", "error",
        })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new EtcdServer(process, directory, clientUrl, version.Split('\n')[0].Trim());
        try
        {
            await server.WaitUntilServingAsync(output, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilServingAsync(System.Collections.Concurrent.ConcurrentQueue<string> output, CancellationToken cancellationToken)
    {
        var uri = new Uri(ClientUrl);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        using var http = new HttpClient();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"etcd exited with code {_process.ExitCode} at start; it said:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            try
            {
                using var response = await http.GetAsync(new Uri(uri, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("true", StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (SocketException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"etcd did not report healthy at {ClientUrl}/health within 30 s; it said:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static async Task<string> RunForOutputAsync(string executable, string argument, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, argument) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {executable}.");
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return text;
    }
}
