using GitOps.GitSync.Git;
using GitOps.GitSync.Options;
using GitOps.GitSync.Tests.Support;

namespace GitOps.GitSync.Tests.Git;

public sealed class SshSettingsTests
{
    [Theory]
    [InlineData("git@github.com:org/apps.git", "github.com/org/apps")]
    [InlineData("[git@git.example.com:2222]:org/apps.git", "git.example.com/org/apps")]
    [InlineData("git@[git.example.com:2222]:org/apps.git", "git.example.com/org/apps")]
    [InlineData("git@git.example.com:/srv/git/apps.git", "git.example.com/srv/git/apps")]
    [InlineData("ssh://git@Git.Example.com:2222/org/apps.git", "git.example.com/org/apps")]
    public void Ssh_urls_in_every_form_git_reads_are_supported_and_compare_without_user_and_port(string url, string normalized)
    {
        Assert.True(RepositoryUrl.IsSupported(url));
        Assert.Equal(normalized, RepositoryUrl.Normalize(url));
    }

    [Fact]
    public void Without_a_configured_file_host_keys_are_trusted_on_first_use_in_the_cache_directory()
    {
        using var cache = new TempDirectory();

        var tofu = SshHostKeys.For(new GitCredentials(SshKeyFile: "/keys/id"), cache.Path);
        var pinned = SshHostKeys.For(new GitCredentials(SshKeyFile: "/keys/id", KnownHostsFile: "/etc/gitops/known_hosts", Name: "deploy"), cache.Path);

        Assert.Equal(Path.Combine(cache.Path, "known_hosts"), tofu.KnownHostsFile);
        Assert.False(tofu.Strict);
        Assert.Equal("/etc/gitops/known_hosts", pinned.KnownHostsFile);
        Assert.True(pinned.Strict);
        Assert.Equal("GitOps:Credentials:deploy:KnownHostsFile", pinned.Setting);
    }

    [Fact]
    public void A_configured_known_hosts_file_that_does_not_exist_fails_validation_naming_the_setting()
    {
        using var keys = new TempDirectory();
        var keyFile = Path.Combine(keys.Path, "id_ed25519");
        File.WriteAllText(keyFile, "not read by validation");
        var options = new GitOpsOptions
        {
            Credentials = { ["deploy"] = new GitCredentialOptions { SshKeyFile = keyFile, KnownHostsFile = Path.Combine(keys.Path, "missing_known_hosts") } },
        };

        var result = new GitOpsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("GitOps:Credentials:deploy:KnownHostsFile", StringComparison.Ordinal) && f.Contains("does not exist", StringComparison.Ordinal));
    }
}
