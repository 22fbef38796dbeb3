using GitOps.GitSync.Git;
using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Git;

/// <summary>
/// Sources reached over SSH, against a real OpenSSH server started by each test (<see cref="SshServer"/>),
/// with the key file and known_hosts file from configuration.
/// </summary>
public sealed class SshSourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ssh_and_scp_style_sources_sync_with_the_configured_key_and_trust_the_host_in_the_cache_not_the_home()
    {
        await using var server = await SshServer.StartAsync();
        using var repo = TestRepository.Create();
        repo.Write("a/objects.yaml", Join(Namespace("over-ssh"), ConfigMap("over-ssh", "from-ssh-url")))
            .Write("b/objects.yaml", Join(Namespace("over-scp"), ConfigMap("over-scp", "from-scp-url")));
        var head = repo.Commit("manifests served over ssh");
        using var cache = new TempDirectory();
        var settings = Source(0, "ssh-url", server.SshUrl(repo.Directory), "a");
        foreach (var (key, value) in Source(1, "scp-url", server.ScpUrl(repo.Directory), "b"))
            settings[key] = value;
        settings["GitOps:Credentials:deploy:SshKeyFile"] = server.ClientKeyFile;
        var userKnownHosts = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

        await using var host = await GitSyncHost.StartAsync(await GitSyncHost.CreateDatabaseAsync(), cache.Path, settings);
        var viaSsh = await host.WaitForRunAsync("ssh-url", 1);
        var viaScp = await host.WaitForRunAsync("scp-url", 1);

        Assert.True(viaSsh.Phase == SourcePhase.Synced, viaSsh.Message);
        Assert.True(viaScp.Phase == SourcePhase.Synced, viaScp.Message);
        Assert.Equal(head, viaSsh.LastSyncedCommit!.Sha);
        Assert.Equal(head, viaScp.LastSyncedCommit!.Sha);
        Assert.Equal(2, viaSsh.ObjectsManaged);
        Assert.NotNull(await host.GetAsync("", "ConfigMap", "over-ssh", "from-ssh-url"));
        Assert.NotNull(await host.GetAsync("", "ConfigMap", "over-scp", "from-scp-url"));
        var trusted = File.ReadAllText(Path.Combine(cache.Path, SshHostKeys.TrustOnFirstUseFileName));
        Assert.Contains(server.HostPublicKey, trusted);
        Assert.False(File.Exists(userKnownHosts) && File.ReadAllText(userKnownHosts).Contains(server.HostPublicKey, StringComparison.Ordinal),
            $"{userKnownHosts} must not learn the test server's key");
    }

    [Fact]
    public async Task A_key_the_server_refuses_fails_the_source_with_an_authentication_error_with_gits_text_and_no_key_material()
    {
        await using var server = await SshServer.StartAsync();
        using var repo = TestRepository.Create();
        repo.Write("objects.yaml", Join(Namespace("refused"), ConfigMap("refused", "never")));
        repo.Commit("manifests");
        var wrongKey = await server.GenerateUnauthorizedKeyAsync("unauthorized_ed25519");
        using var cache = new TempDirectory();
        var settings = Source(0, "wrong-key", server.SshUrl(repo.Directory), null);
        settings["GitOps:Credentials:deploy:SshKeyFile"] = wrongKey;

        await using var host = await GitSyncHost.StartAsync(await GitSyncHost.CreateDatabaseAsync(), cache.Path, settings);
        var status = await host.WaitForRunAsync("wrong-key", 1);

        Assert.Equal(SourcePhase.Failed, status.Phase);
        Assert.Contains("could not authenticate", status.Message);
        Assert.Contains("SSH key file in GitOps:Credentials", status.Message);
        Assert.Contains("Permission denied (publickey)", status.Message);
        Assert.Equal(SyncRunResult.Failed, status.LastRun!.Result);
        Assert.Null(await host.GetAsync("", "ConfigMap", "refused", "never"));
        var json = await host.Client.GetStringAsync("/api/gitops/sources/wrong-key");
        foreach (var keyLine in KeyBodyLines(wrongKey).Concat(KeyBodyLines(server.ClientKeyFile)))
        {
            Assert.DoesNotContain(keyLine, status.Message);
            Assert.DoesNotContain(keyLine, json);
        }
        Assert.DoesNotContain("PRIVATE KEY", status.Message);
    }

    [Fact]
    public async Task A_changed_host_key_fails_the_source_naming_the_host_and_the_known_hosts_file_until_its_entry_is_removed()
    {
        await using var server = await SshServer.StartAsync();
        using var repo = TestRepository.Create();
        repo.Write("objects.yaml", Join(Namespace("pinned"), ConfigMap("pinned", "settings")));
        repo.Commit("manifests");
        using var cache = new TempDirectory();
        var settings = Source(0, "rekeyed", server.SshUrl(repo.Directory), null);
        settings["GitOps:Credentials:deploy:SshKeyFile"] = server.ClientKeyFile;
        await using var host = await GitSyncHost.StartAsync(await GitSyncHost.CreateDatabaseAsync(), cache.Path, settings);
        var synced = await host.WaitForRunAsync("rekeyed", 1);
        Assert.True(synced.Phase == SourcePhase.Synced, synced.Message);
        var knownHosts = Path.Combine(cache.Path, SshHostKeys.TrustOnFirstUseFileName);

        await server.ReplaceHostKeyAsync();
        var status = await host.SyncAsync("rekeyed");

        Assert.Equal(SourcePhase.Failed, status.Phase);
        Assert.Contains("source 'rekeyed'", status.Message);
        Assert.Contains($"The SSH host key of {server.KnownHostsName}", status.Message);
        Assert.Contains(knownHosts, status.Message);
        Assert.Contains($"ssh-keygen -R '{server.KnownHostsName}' -f '{knownHosts}'", status.Message);
        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", status.Message);
        Assert.DoesNotContain(server.HostPublicKey, status.Message);
        Assert.Equal(synced.LastSyncedCommit, status.LastSyncedCommit);
        Assert.NotNull(await host.GetAsync("", "ConfigMap", "pinned", "settings"));

        await SshServer.RunAsync("ssh-keygen", "-R", server.KnownHostsName, "-f", knownHosts);
        var recovered = await host.SyncAsync("rekeyed");

        Assert.True(recovered.Phase == SourcePhase.Synced, recovered.Message);
        Assert.Contains(server.HostPublicKey, File.ReadAllText(knownHosts));
    }

    [Fact]
    public async Task A_configured_known_hosts_file_with_the_servers_key_is_used_and_nothing_is_written_to_the_cache()
    {
        await using var server = await SshServer.StartAsync();
        using var repo = TestRepository.Create();
        repo.Write("objects.yaml", ConfigMap("default", "pinned"));
        var head = repo.Commit("manifests");
        using var cache = new TempDirectory();
        var knownHosts = Path.Combine(server.Directory, "configured_known_hosts");
        File.WriteAllText(knownHosts, server.KnownHostsLine + "\n");

        var mirror = Mirror(server, cache, repo, knownHosts);
        var fetched = await mirror.FetchAsync("main", CancellationToken.None);

        Assert.True(fetched.Succeeded, fetched.Failure?.ToString());
        Assert.Equal(head, fetched.Value);
        Assert.True(mirror.HostKeys.Strict);
        Assert.False(File.Exists(Path.Combine(cache.Path, SshHostKeys.TrustOnFirstUseFileName)));
    }

    [Fact]
    public async Task A_configured_known_hosts_file_is_checked_strictly_and_a_missing_or_other_key_is_a_host_key_error_naming_the_setting()
    {
        await using var server = await SshServer.StartAsync();
        using var repo = TestRepository.Create();
        repo.Write("objects.yaml", ConfigMap("default", "pinned"));
        repo.Commit("manifests");
        using var cache = new TempDirectory();
        var otherHost = Path.Combine(server.Directory, "other_host_known_hosts");
        File.WriteAllText(otherHost, $"git.example.com ssh-ed25519 {server.HostPublicKey}\n");
        var otherKeyFile = await server.GenerateUnauthorizedKeyAsync("impostor_ed25519");
        var otherKey = Path.Combine(server.Directory, "other_key_known_hosts");
        File.WriteAllText(otherKey, $"{server.KnownHostsName} ssh-ed25519 {File.ReadAllText(otherKeyFile + ".pub").Split(' ')[1]}\n");

        var unknown = await Mirror(server, cache, repo, otherHost).FetchAsync("main", CancellationToken.None);
        var mismatched = await Mirror(server, cache, repo, otherKey).FetchAsync("main", CancellationToken.None);

        Assert.Equal(GitFailureKind.HostKey, unknown.Failure!.Kind);
        Assert.Contains($"The SSH host {server.KnownHostsName} of source 'pinned' has no key in {otherHost} (GitOps:Credentials:deploy:KnownHostsFile)", unknown.Failure.Message);
        Assert.Contains($"ssh-keyscan -p {server.Port} 127.0.0.1", unknown.Failure.Message);
        Assert.Contains("Host key verification failed", unknown.Failure.GitOutput);
        Assert.Equal(GitFailureKind.HostKey, mismatched.Failure!.Kind);
        Assert.Contains($"The SSH host key of {server.KnownHostsName} for source 'pinned' does not match the key for it in {otherKey} (GitOps:Credentials:deploy:KnownHostsFile, line 1)",
            mismatched.Failure.Message);
        Assert.False(File.Exists(Path.Combine(cache.Path, SshHostKeys.TrustOnFirstUseFileName)));
        Assert.Single(File.ReadAllLines(otherKey));
    }

    private static GitMirror Mirror(SshServer server, TempDirectory cache, TestRepository repo, string knownHostsFile) =>
        new(new GitCli(NullLogger<GitCli>.Instance), cache.Path, "pinned", server.SshUrl(repo.Directory),
            new GitCredentials(SshKeyFile: server.ClientKeyFile, KnownHostsFile: knownHostsFile, Name: "deploy"), Timeout);

    private static Dictionary<string, string?> Source(int index, string name, string url, string? path)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"GitOps:Sources:{index}:Name"] = name,
            [$"GitOps:Sources:{index}:Url"] = url,
            [$"GitOps:Sources:{index}:PollInterval"] = "1h",
            [$"GitOps:Sources:{index}:Credentials"] = "deploy",
        };
        if (path is not null)
            settings[$"GitOps:Sources:{index}:Paths:0"] = path;
        return settings;
    }

    /// <summary>The base64 lines of a private key file: the key material that must never appear in a message.</summary>
    private static IEnumerable<string> KeyBodyLines(string keyFile) =>
        File.ReadAllLines(keyFile).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
}
