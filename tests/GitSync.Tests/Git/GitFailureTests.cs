using GitOps.GitSync.Git;

namespace GitOps.GitSync.Tests.Git;

/// <summary>git's text is classified by its messages, never by digits that happen to be in a path or URL.</summary>
public sealed class GitFailureTests
{
    [Fact]
    public void A_missing_repository_whose_path_holds_401_or_403_is_unreachable_not_an_authentication_failure()
    {
        var output = "fatal: '/tmp/gitops-test-4031a/repo' does not appear to be a git repository\nfatal: Could not read from remote repository.";

        var failure = GitFailure.From(new GitCommandResult(128, "", output), "file:///tmp/gitops-test-4031a/repo", "main", TimeSpan.FromSeconds(30));

        Assert.Equal(GitFailureKind.Unreachable, failure.Kind);
    }

    [Theory]
    [InlineData("fatal: unable to access 'https://git.example/shop.git/': The requested URL returned error: 403")]
    [InlineData("fatal: unable to access 'https://git.example/shop.git/': The requested URL returned error: 401")]
    [InlineData("remote: Invalid username or password.\nfatal: Authentication failed for 'https://git.example/shop.git/'")]
    public void An_http_refusal_is_an_authentication_failure(string output)
    {
        var failure = GitFailure.From(new GitCommandResult(128, "", output), "https://git.example/shop.git", "main", TimeSpan.FromSeconds(30));

        Assert.Equal(GitFailureKind.Authentication, failure.Kind);
    }
}
