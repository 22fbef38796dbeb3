using System.Runtime.Versioning;
using GitOps.GitSync.Git;
using GitOps.GitSync.Tests.Support;
using LibGit2Sharp;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.GitSync.Tests.Security;

/// <summary>
/// What every git process sees: a git wrapper records the environment of each run of the real git, and a real fetch
/// from a file:// repository must still work under it.
/// </summary>
public sealed class GitProcessEnvironmentTests
{
    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Git_runs_with_a_private_home_no_ssh_agent_no_helpers_and_only_the_sources_protocol()
    {
        using var repository = TestRepository.Create();
        repository.Write("apps/config.yaml", "kind: ConfigMap").Commit("one");
        using var cache = new TempDirectory();
        using var records = new TempDirectory();
        var wrapper = Path.Combine(records.Path, "git");
        File.WriteAllText(wrapper, $"#!/bin/sh\nenv > \"{records.Path}/run.$$\"\nexec git \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // The silo's own environment has an ssh agent and a git program of its own: neither may reach git.
        var (agent, gitSsh) = (Environment.GetEnvironmentVariable("SSH_AUTH_SOCK"), Environment.GetEnvironmentVariable("GIT_SSH"));
        Environment.SetEnvironmentVariable("SSH_AUTH_SOCK", "/tmp/gitops-test-agent.sock");
        Environment.SetEnvironmentVariable("GIT_SSH", "/bin/false");
        GitResult<string> fetched;
        GitResult<IReadOnlyList<ManifestFile>> files;
        try
        {
            var mirror = new GitMirror(new GitCli(NullLogger<GitCli>.Instance, wrapper), cache.Path, "demo", repository.Url, GitCredentials.None,
                TimeSpan.FromSeconds(60), GitEngines.CliOnly);
            fetched = await mirror.FetchAsync("main", CancellationToken.None);
            files = await mirror.ReadFilesAsync(fetched.Value!, [], _ => true, CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SSH_AUTH_SOCK", agent);
            Environment.SetEnvironmentVariable("GIT_SSH", gitSsh);
        }

        Assert.True(fetched.Succeeded, fetched.Failure?.ToString());
        Assert.Single(files.Value!);
        var runs = Directory.GetFiles(records.Path, "run.*").Select(ReadEnvironment).ToList();
        Assert.True(runs.Count >= 3, $"only {runs.Count} git runs were recorded");
        var home = Path.Combine(cache.Path, GitAccess.HomeFolderName);
        foreach (var env in runs)
        {
            Assert.False(env.ContainsKey("SSH_AUTH_SOCK"), "git saw the silo's ssh agent");
            Assert.False(env.ContainsKey("GIT_SSH"), "git saw the silo's GIT_SSH");
            Assert.Equal(home, env["HOME"]);
            Assert.Equal("1", env["GIT_CONFIG_NOSYSTEM"]);
            Assert.Equal("0", env["GIT_TERMINAL_PROMPT"]);
            Assert.Contains("-F /dev/null", env["GIT_SSH_COMMAND"]);
            Assert.Contains("IdentityAgent=none", env["GIT_SSH_COMMAND"]);
            Assert.Contains("IdentityFile=none", env["GIT_SSH_COMMAND"]);
            var keys = Enumerable.Range(0, int.Parse(env["GIT_CONFIG_COUNT"])).ToDictionary(i => env[$"GIT_CONFIG_KEY_{i}"], i => env[$"GIT_CONFIG_VALUE_{i}"]);
            Assert.Equal("", keys["credential.helper"]);
        }
        // The fetch may use file only; commands that read the mirror may use no protocol at all.
        Assert.Contains(runs, env => env["GIT_ALLOW_PROTOCOL"] == "file");
        Assert.All(runs, env => Assert.Contains(env["GIT_ALLOW_PROTOCOL"], new[] { "file", "none" }));
        Assert.True(Directory.Exists(home));
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
    }

    [Fact]
    public async Task A_mirror_refuses_to_fetch_over_a_protocol_its_source_may_not_use_with_either_engine()
    {
        using var repository = TestRepository.Create();
        repository.Write("apps/config.yaml", "kind: ConfigMap").Commit("one");
        foreach (var engines in new[] { GitEngines.CliOnly, GitEngines.LibGit2Only })
        {
            using var cache = new TempDirectory();
            var mirror = new GitMirror(new GitCli(NullLogger<GitCli>.Instance), cache.Path, "demo", repository.Url, GitCredentials.None,
                TimeSpan.FromSeconds(60), engines, allowedProtocols: new HashSet<GitProtocol> { GitProtocol.Https, GitProtocol.Ssh });

            var fetched = await mirror.FetchAsync("main", CancellationToken.None);

            Assert.False(fetched.Succeeded);
            Assert.Contains("may not fetch", fetched.Failure!.Message);
            Assert.False(Directory.Exists(mirror.Directory), "the mirror was created for a refused fetch");
        }
    }

    [Fact]
    public async Task Libgit2_reads_its_configuration_from_one_empty_directory_set_once_for_the_process()
    {
        using var repository = TestRepository.Create();
        repository.Write("apps/config.yaml", "kind: ConfigMap").Commit("one");
        using var firstCache = new TempDirectory();
        using var secondCache = new TempDirectory();

        await FetchWithLibGit2Async(firstCache.Path);
        var searched = SearchPaths();
        await FetchWithLibGit2Async(secondCache.Path);

        // Changing them while another mirror's thread opens a repository corrupts libgit2's memory: they never change.
        Assert.Equal(searched, SearchPaths());
        var directory = Assert.Single(searched.Distinct());
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        Assert.DoesNotContain(firstCache.Path, directory);
        Assert.DoesNotContain(secondCache.Path, directory);

        async Task FetchWithLibGit2Async(string cache)
        {
            var mirror = new GitMirror(new GitCli(NullLogger<GitCli>.Instance), cache, "demo", repository.Url, GitCredentials.None,
                TimeSpan.FromSeconds(60), GitEngines.LibGit2Only);
            var fetched = await mirror.FetchAsync("main", CancellationToken.None);
            Assert.True(fetched.Succeeded, fetched.Failure?.ToString());
        }

        static string[] SearchPaths() =>
            [.. new[] { ConfigurationLevel.Global, ConfigurationLevel.Xdg, ConfigurationLevel.System, ConfigurationLevel.ProgramData }
                .SelectMany(GlobalSettings.GetConfigSearchPaths)];
    }

    [Theory]
    [InlineData("ext::sh -c id", false)]
    [InlineData("fd::3", false)]
    [InlineData("-oProxyCommand=id:repo", false)]
    [InlineData("git@github.com:org/repo.git", true)]
    [InlineData("https://github.com/org/repo.git", true)]
    public void Remote_helpers_and_option_like_hosts_are_not_repository_urls(string url, bool supported) =>
        Assert.Equal(supported, RepositoryUrl.IsSupported(url));

    [Theory]
    [InlineData("https://github.com/acme/apps.git", "https://github.com/acme/", true)]
    [InlineData("https://GitHub.com:443/acme/apps.git", "https://github.com/acme", true)]
    [InlineData("https://github.com/acme-evil/apps.git", "https://github.com/acme", false)]
    [InlineData("https://github.com/acme/../evil/apps.git", "https://github.com/acme/", false)]
    [InlineData("https://github.com/acme/%2e%2e/evil/apps.git", "https://github.com/acme/", false)]
    [InlineData("https://github.com.evil.com/acme/apps.git", "https://github.com/acme/", false)]
    [InlineData("https://github.com@evil.com/acme/apps.git", "https://github.com/acme/", false)]
    [InlineData("http://github.com/acme/apps.git", "https://github.com/acme/", false)]
    [InlineData("git@github.com:acme/apps.git", "ssh://git@github.com/acme/", true)]
    [InlineData("ssh://git@github.com:2222/acme/apps.git", "ssh://git@github.com/acme/", false)]
    public void A_url_is_under_a_prefix_by_scheme_host_port_and_whole_path_segments(string url, string prefix, bool under) =>
        Assert.Equal(under, RepositoryUrl.LocationOf(url)!.IsUnder(RepositoryUrl.LocationOf(prefix)!));

    private static Dictionary<string, string> ReadEnvironment(string file)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(file))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
                env[line[..equals]] = line[(equals + 1)..];
        }
        return env;
    }
}
