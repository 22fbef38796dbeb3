using System.Text;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Webhooks;

namespace GitOps.GitSync.Tests.Webhooks;

public sealed class WebhookTests
{
    private static readonly SourceSpec Apps = new("apps", "https://github.com/org/apps.git", "main", [], TimeSpan.FromSeconds(30), true, true, null, SourceOrigin.Configuration);
    private static readonly SourceSpec Staging = Apps with { Name = "apps-staging", Branch = "staging" };
    private static readonly SourceSpec Local = new("local", "file:///srv/git/infra", "main", [], TimeSpan.FromSeconds(30), true, true, null, SourceOrigin.Api);

    [Fact]
    public void Signature_computed_with_the_secret_is_accepted_and_any_other_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("{\"ref\":\"refs/heads/main\"}");
        var signature = WebhookSignature.Sign(body, "s3cret");

        Assert.True(WebhookSignature.IsValidSignature(body, "s3cret", signature));
        Assert.False(WebhookSignature.IsValidSignature(body, "other", signature));
        Assert.False(WebhookSignature.IsValidSignature(Encoding.UTF8.GetBytes("{}"), "s3cret", signature));
        Assert.False(WebhookSignature.IsValidSignature(body, "s3cret", "sha256=zz"));
        Assert.False(WebhookSignature.IsValidSignature(body, "s3cret", null));
    }

    [Fact]
    public void GitLab_token_must_equal_the_secret()
    {
        Assert.True(WebhookSignature.IsValidToken("s3cret", "s3cret"));
        Assert.False(WebhookSignature.IsValidToken("s3cret", "s3cre"));
        Assert.False(WebhookSignature.IsValidToken("s3cret", null));
    }

    [Fact]
    public void GitHub_push_matches_sources_of_that_repository_and_branch()
    {
        var body = """{"ref":"refs/heads/main","after":"abc123","repository":{"clone_url":"https://github.com/org/apps.git","ssh_url":"git@github.com:org/apps.git"}}""";
        var (push, error) = WebhookPayloadParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(error);
        Assert.Equal("abc123", push!.Commit);
        Assert.Equal(["apps"], WebhookMatcher.Match(push, [Apps, Staging, Local]).Select(s => s.Name));
    }

    [Fact]
    public void GitLab_push_matches_by_ssh_url()
    {
        var spec = Apps with { Url = "git@gitlab.com:org/apps.git" };
        var body = """{"object_kind":"push","ref":"refs/heads/main","checkout_sha":"def","project":{"git_http_url":"https://gitlab.com/org/apps.git","git_ssh_url":"git@gitlab.com:org/apps.git"}}""";
        var (push, _) = WebhookPayloadParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal("def", push!.Commit);
        Assert.Single(WebhookMatcher.Match(push, [spec]));
    }

    [Fact]
    public void Generic_payload_names_the_source_or_the_repository()
    {
        var (byName, _) = WebhookPayloadParser.Parse("""{"source":"local"}"""u8);
        var (byUrl, _) = WebhookPayloadParser.Parse("""{"repository":"/srv/git/infra/","ref":"main"}"""u8);

        Assert.Equal(["local"], WebhookMatcher.Match(byName!, [Apps, Local]).Select(s => s.Name));
        Assert.Equal(["local"], WebhookMatcher.Match(byUrl!, [Apps, Local]).Select(s => s.Name));
    }

    [Fact]
    public void Payload_that_names_nothing_is_an_error_saying_what_to_send()
    {
        var (push, error) = WebhookPayloadParser.Parse("""{"hello":"world"}"""u8);
        Assert.Null(push);
        Assert.Contains("source", error);
        Assert.NotNull(WebhookPayloadParser.Parse("not json"u8).Error);
    }
}
