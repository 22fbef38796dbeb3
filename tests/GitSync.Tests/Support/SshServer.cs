using System.Diagnostics;
using System.Text;
using GitOps.TestSupport;

namespace GitOps.GitSync.Tests.Support;

/// <summary>
/// A private OpenSSH server for tests: its own sshd_config, host key and authorized client key in a
/// temporary folder, listening on 127.0.0.1 on a free port, run as <c>sshd -D -e</c> and killed at
/// dispose. Git repositories on this machine are then reachable as
/// <c>ssh://user@127.0.0.1:port/path</c>. Starting fails loudly (never skips) when sshd is missing or
/// does not come up.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";
    private const string Loopback = "127.0.0.1";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly StringBuilder _log = new();
    private Process? _process;

    private SshServer(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    /// <summary>The folder with sshd_config, the host key, authorized_keys and the client key.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>The account git logs in as: the one running the tests (root here), the only one a private sshd can serve.</summary>
    public static string User => Environment.UserName;

    /// <summary>The private key the server accepts (authorized_keys holds its public half).</summary>
    public string ClientKeyFile => Path.Combine(Directory, "client_ed25519");

    /// <summary>How known_hosts names this server: "[127.0.0.1]:port".</summary>
    public string KnownHostsName => $"[{Loopback}]:{Port}";

    /// <summary>The base64 body of the server's current public host key (public material, as known_hosts stores it).</summary>
    public string HostPublicKey => File.ReadAllText(HostKeyFile + ".pub").Split(' ')[1];

    /// <summary>A known_hosts line that trusts this server's current host key.</summary>
    public string KnownHostsLine => $"{KnownHostsName} ssh-ed25519 {HostPublicKey}";

    private string HostKeyFile => Path.Combine(Directory, "host_ed25519");

    private string ConfigFile => Path.Combine(Directory, "sshd_config");

    public string SshUrl(string repositoryPath) => $"ssh://{User}@{Loopback}:{Port}{repositoryPath}";

    /// <summary>The scp-like form with a port, as git reads it: <c>[user@host:port]:path</c>.</summary>
    public string ScpUrl(string repositoryPath) => $"[{User}@{Loopback}:{Port}]:{repositoryPath}";

    public static async Task<SshServer> StartAsync()
    {
        if (!File.Exists(SshdPath))
            throw new InvalidOperationException($"{SshdPath} is missing: install openssh-server (apt-get install -y openssh-server); .ci/run installs it.");
        // sshd refuses to start without its privilege separation directory.
        System.IO.Directory.CreateDirectory("/run/sshd");
        for (var attempt = 1; ; attempt++)
        {
            var server = new SshServer(Path.Combine(Path.GetTempPath(), "gitops-test-sshd", Guid.NewGuid().ToString("n")), FreePorts.Next());
            try
            {
                System.IO.Directory.CreateDirectory(server.Directory);
                await GenerateKeyAsync(server.HostKeyFile);
                await GenerateKeyAsync(server.ClientKeyFile);
                File.Copy(server.ClientKeyFile + ".pub", Path.Combine(server.Directory, "authorized_keys"));
                File.WriteAllText(server.ConfigFile, server.Config());
                await server.StartProcessAsync();
                return server;
            }
            catch (InvalidOperationException exception) when (attempt < 3 && exception.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took the free port between the probe and sshd's bind: try another.
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Generates a key pair the server does not accept; answers the private key's path.</summary>
    public async Task<string> GenerateUnauthorizedKeyAsync(string name)
    {
        var file = Path.Combine(Directory, name);
        await GenerateKeyAsync(file);
        return file;
    }

    /// <summary>Restarts the server on the same port with a new host key, as a rebuilt Git server would come back.</summary>
    public async Task ReplaceHostKeyAsync()
    {
        await StopProcessAsync();
        File.Delete(HostKeyFile);
        File.Delete(HostKeyFile + ".pub");
        await GenerateKeyAsync(HostKeyFile);
        await StartProcessAsync();
    }

    /// <summary>Runs a command to completion within a bounded time; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}");
        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }

    private static Task GenerateKeyAsync(string file) =>
        RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "gitops-test", "-f", file);

    private string Config() => $"""
        Port {Port}
        ListenAddress {Loopback}
        HostKey {HostKeyFile}
        PidFile none
        AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        StrictModes no
        UsePAM no
        LogLevel INFO

        """;

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(SshdPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-e", "-f", ConfigFile })
            info.ArgumentList.Add(argument);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_log)
                _log.AppendLine(e.Data);
            if (e.Data.Contains($"Server listening on {Loopback} port {Port}", StringComparison.Ordinal))
                listening.TrySetResult();
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("sshd exited."));
        if (!process.Start())
            throw new InvalidOperationException($"Could not start {SshdPath}.");
        _process = process;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            await StopProcessAsync();
            string log;
            lock (_log)
                log = _log.ToString();
            throw new InvalidOperationException(
                $"The test sshd ({SshdPath} -D -e -f {ConfigFile}) did not start listening on {Loopback}:{Port} within {StartTimeout}: {exception.Message} Its output:\n{log}");
        }
    }

    private async Task StopProcessAsync()
    {
        if (_process is not { } process)
            return;
        _process = null;
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(CommandTimeout);
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }
}
