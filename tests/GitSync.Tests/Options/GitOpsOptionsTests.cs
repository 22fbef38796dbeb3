using GitOps.GitSync.Options;
using Microsoft.Extensions.Configuration;

namespace GitOps.GitSync.Tests.Options;

public sealed class GitOpsOptionsTests
{
    [Fact]
    public void Sources_bind_from_environment_style_keys_with_defaults()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["GitOps:Sources:0:Name"] = "apps",
            ["GitOps:Sources:0:Url"] = "https://example.com/org/apps.git",
            ["GitOps:Sources:0:Paths:0"] = "clusters/prod",
            ["GitOps:Sources:0:PollInterval"] = "1h30m",
            ["GitOps:Sources:1:Name"] = "infra",
            ["GitOps:Sources:1:Url"] = "git@example.com:org/infra.git",
            ["GitOps:Sources:1:Prune"] = "false",
        });

        Assert.True(new GitOpsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("main", options.Sources[0].Branch);
        Assert.True(options.Sources[0].Prune);
        Assert.False(options.Sources[1].Prune);
        Assert.Equal("30s", options.Sources[1].PollInterval);
        Assert.Equal(["clusters/prod"], options.Sources[0].Paths);
    }

    [Fact]
    public void A_configured_source_may_use_any_transport_but_a_credential_only_under_its_prefixes()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["GitOps:Credentials:acme:Token"] = "t",
            ["GitOps:Credentials:acme:UrlPrefixes:0"] = "https://github.com/acme/",
            ["GitOps:Credentials:acme:UrlPrefixes:1"] = "not a prefix",
            ["GitOps:Credentials:old:Token"] = "t",
            ["GitOps:Sources:0:Name"] = "local",
            ["GitOps:Sources:0:Url"] = "/srv/repo",
            ["GitOps:Sources:1:Name"] = "plain",
            ["GitOps:Sources:1:Url"] = "http://git.internal/org/repo.git",
            ["GitOps:Sources:1:Credentials"] = "old",
            ["GitOps:Sources:2:Name"] = "elsewhere",
            ["GitOps:Sources:2:Url"] = "https://gitlab.com/acme/repo.git",
            ["GitOps:Sources:2:Credentials"] = "acme",
            ["GitOps:Sources:3:Name"] = "helper",
            ["GitOps:Sources:3:Url"] = "ext::sh -c id",
        });

        var errors = new GitOpsOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("GitOps:Credentials:acme:UrlPrefixes:1 'not a prefix'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("GitOps:Sources:2:Credentials 'acme' may not be sent to 'https://gitlab.com/acme/repo.git'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("GitOps:Sources:3:Url 'ext::sh -c id' is not a supported repository URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_names_each_setting_at_fault()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["GitOps:Sources:0:Name"] = "Bad Name",
            ["GitOps:Sources:0:Url"] = "not a url",
            ["GitOps:Sources:0:PollInterval"] = "soon",
            ["GitOps:Sources:0:Credentials"] = "missing",
            ["GitOps:Sources:1:Name"] = "dup",
            ["GitOps:Sources:1:Url"] = "/srv/repo",
            ["GitOps:Sources:2:Name"] = "dup",
            ["GitOps:Sources:2:Url"] = "/srv/repo",
            ["GitOps:GitTimeout"] = "forever",
            ["GitOps:MaxConcurrentSyncs"] = "0",
            ["GitOps:MaxFileBytes"] = "0",
            ["GitOps:MaxFilesPerSource"] = "-1",
            ["GitOps:MaxObjectsPerSource"] = "0",
            ["GitOps:RetryMaxDelay"] = "later",
        });

        var result = new GitOpsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("GitOps:Sources:0:Name 'Bad Name'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:Sources:0:Url", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:Sources:0:PollInterval 'soon'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:Sources:0:Credentials 'missing'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:Sources:2:Name 'dup'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:GitTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:MaxConcurrentSyncs 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:MaxFileBytes 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:MaxFilesPerSource -1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:MaxObjectsPerSource 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:RetryMaxDelay 'later'", StringComparison.Ordinal));
    }

    [Fact]
    public void Credentials_are_never_shown_by_ToString()
    {
        var credential = new GitCredentialOptions { Token = "ghp_secret" };
        Assert.DoesNotContain("ghp_secret", credential.ToString());
        Assert.DoesNotContain("ghp_secret", new GitOps.GitSync.Git.GitCredentials("ghp_secret").ToString());
    }

    private static GitOpsOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new GitOpsOptions();
        configuration.GetSection(GitOpsOptions.SectionName).Bind(options);
        return options;
    }
}
