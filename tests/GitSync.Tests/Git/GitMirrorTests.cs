using System.Text;
using GitOps.GitSync.Git;
using GitOps.GitSync.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.GitSync.Tests.Git;

public sealed class GitMirrorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly GitCli Cli = new(NullLogger<GitCli>.Instance);

    [Fact]
    public async Task Fetch_answers_the_branch_head_and_reads_only_manifest_files_under_the_paths()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        repo.Write("apps/web.yaml", "kind: A\n").Write("apps/nested/db.yml", "kind: B\n").Write("apps/readme.md", "# no")
            .Write("apps/data.json", "{}").Write("other/x.yaml", "kind: C\n");
        var head = repo.Commit("first");

        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Url, GitCredentials.None, Timeout);
        var fetched = await mirror.FetchAsync("main", CancellationToken.None);
        Assert.True(fetched.Succeeded, fetched.Failure?.ToString());
        Assert.Equal(head, fetched.Value);

        var files = await mirror.ReadFilesAsync(head, ["apps"], IsManifest, CancellationToken.None);
        Assert.True(files.Succeeded, files.Failure?.ToString());
        Assert.Equal(["apps/data.json", "apps/nested/db.yml", "apps/web.yaml"], files.Value!.Select(f => f.Path).Order().ToArray());
        Assert.Equal("kind: B\n", Encoding.UTF8.GetString(files.Value!.Single(f => f.Path == "apps/nested/db.yml").Content.Span));
    }

    [Fact]
    public async Task Reading_with_no_paths_reads_the_whole_repository_at_an_older_commit()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        repo.Write("a.yaml", "one\n");
        var first = repo.Commit("first");
        repo.Write("b.yaml", "two\n");
        repo.Commit("second");

        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Directory, GitCredentials.None, Timeout);
        Assert.True((await mirror.FetchAsync("main", CancellationToken.None)).Succeeded);
        var files = await mirror.ReadFilesAsync(first, [], IsManifest, CancellationToken.None);

        Assert.Equal(["a.yaml"], files.Value!.Select(f => f.Path).ToArray());
    }

    [Fact]
    public async Task Missing_paths_are_those_naming_nothing_at_the_commit_as_configured()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        repo.Write("apps/web.yaml", "kind: A\n").Write("apps/nested/db.yml", "kind: B\n").Write("docs/README.md", "# no manifests\n");
        var first = repo.Commit("first");
        repo.Move("apps", "services");
        var second = repo.Commit("rename apps");
        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Url, GitCredentials.None, Timeout);
        Assert.True((await mirror.FetchAsync("main", CancellationToken.None)).Succeeded);
        string[] paths = ["apps", "./apps/nested/", "apps/web.yaml", "docs", "apps/nope", "Apps", ".", ""];

        var atFirst = await mirror.FindMissingPathsAsync(first, paths, CancellationToken.None);
        var atSecond = await mirror.FindMissingPathsAsync(second, paths, CancellationToken.None);

        Assert.True(atFirst.Succeeded, atFirst.Failure?.ToString());
        Assert.Equal(["apps/nope", "Apps"], atFirst.Value);
        Assert.Equal(["apps", "./apps/nested/", "apps/web.yaml", "apps/nope", "Apps"], atSecond.Value);
        Assert.Empty((await mirror.FindMissingPathsAsync(second, [], CancellationToken.None)).Value!);
    }

    [Fact]
    public async Task Commit_metadata_has_author_message_and_time()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        repo.Write("a.yaml", "x\n");
        var head = repo.Commit("Scale web to 3\n\nBecause traffic grew.");
        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Url, GitCredentials.None, Timeout);
        await mirror.FetchAsync("main", CancellationToken.None);

        var commit = await mirror.ReadCommitAsync(head, CancellationToken.None);

        Assert.Equal(head, commit.Value!.Sha);
        Assert.Equal("Test Author", commit.Value.Author);
        Assert.Equal("author@example.com", commit.Value.AuthorEmail);
        Assert.Equal("Scale web to 3\n\nBecause traffic grew.", commit.Value.Message);
        Assert.True(commit.Value.Time > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task Fetch_follows_a_tag_and_a_second_branch()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        repo.Write("a.yaml", "x\n");
        var tagged = repo.Commit("release");
        repo.Tag("v1.0");
        repo.Branch("staging");
        repo.Write("a.yaml", "y\n");
        var staging = repo.Commit("staging change");

        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Url, GitCredentials.None, Timeout);
        Assert.Equal(tagged, (await mirror.FetchAsync("v1.0", CancellationToken.None)).Value);
        Assert.Equal(staging, (await mirror.FetchAsync("staging", CancellationToken.None)).Value);
    }

    [Fact]
    public async Task Missing_branch_is_reported_with_the_setting_to_check_and_git_message()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        repo.Write("a.yaml", "x\n");
        repo.Commit("first");
        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Url, GitCredentials.None, Timeout);

        var fetched = await mirror.FetchAsync("no-such-branch", CancellationToken.None);

        Assert.False(fetched.Succeeded);
        Assert.Equal(GitFailureKind.MissingReference, fetched.Failure!.Kind);
        Assert.Contains("Branch", fetched.Failure.Message);
        Assert.Contains("no-such-branch", fetched.Failure.GitOutput);
    }

    [Fact]
    public async Task Unreachable_repository_is_reported_as_such()
    {
        using var cache = new TempDirectory();
        var mirror = new GitMirror(Cli, cache.Path, "demo", "file:///nonexistent/repo-" + Guid.NewGuid(), GitCredentials.None, Timeout);

        var fetched = await mirror.FetchAsync("main", CancellationToken.None);

        Assert.Equal(GitFailureKind.Unreachable, fetched.Failure!.Kind);
        Assert.Contains("could not be reached", fetched.Failure.Message);
        Assert.NotEmpty(fetched.Failure.GitOutput);
    }

    [Fact]
    public async Task Https_without_credentials_fails_fast_instead_of_prompting()
    {
        using var cache = new TempDirectory();
        var mirror = new GitMirror(Cli, cache.Path, "demo", "https://user:secret-password@127.0.0.1:1/org/repo.git",
            new GitCredentials(Token: "secret-token"), TimeSpan.FromSeconds(20));

        var fetched = await mirror.FetchAsync("main", CancellationToken.None);

        Assert.False(fetched.Succeeded);
        Assert.DoesNotContain("secret-password", fetched.Failure!.ToString());
        Assert.DoesNotContain("secret-token", fetched.Failure.ToString());
    }

    [Fact]
    public async Task Thousands_of_files_are_read_through_one_batch_process()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        for (var i = 0; i < 2_000; i++)
            repo.Write($"objs/{i / 100}/cm-{i}.yaml", $"name: cm-{i}\n");
        var head = repo.Commit("many");
        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Url, GitCredentials.None, Timeout);
        await mirror.FetchAsync("main", CancellationToken.None);

        var files = await mirror.ReadFilesAsync(head, ["objs"], IsManifest, CancellationToken.None);

        Assert.Equal(2_000, files.Value!.Count);
        Assert.Equal("name: cm-1234\n", Encoding.UTF8.GetString(files.Value.Single(f => f.Path == "objs/12/cm-1234.yaml").Content.Span));
    }

    [Fact]
    public async Task A_mirror_damaged_on_disk_is_the_fetchs_failure_and_the_next_fetch_starts_a_fresh_one()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        var (mirror, head) = await FetchAndDamageAsync(repo, cache);

        var damaged = await mirror.FetchAsync("main", CancellationToken.None);
        var fresh = await mirror.FetchAsync("main", CancellationToken.None);

        Assert.Equal(GitFailureKind.Mirror, damaged.Failure!.Kind);
        Assert.Contains(mirror.Directory, damaged.Failure.Message);
        Assert.NotEmpty(damaged.Failure.GitOutput);
        Assert.Equal(head, fresh.Value);
        var files = await mirror.ReadFilesAsync(head, ["apps"], IsManifest, CancellationToken.None);
        Assert.Equal("kind: A\n", Encoding.UTF8.GetString(files.Value!.Single().Content.Span));
    }

    [Fact]
    public async Task A_read_of_a_damaged_mirror_is_a_failure_not_an_exception_and_the_next_fetch_starts_a_fresh_one()
    {
        using var repo = TestRepository.Create();
        using var cache = new TempDirectory();
        var (mirror, head) = await FetchAndDamageAsync(repo, cache);

        var commit = await mirror.ReadCommitAsync(head, CancellationToken.None);
        var files = await mirror.ReadFilesAsync(head, ["apps"], IsManifest, CancellationToken.None);
        var fresh = await mirror.FetchAsync("main", CancellationToken.None);

        Assert.False(commit.Succeeded);
        Assert.False(files.Succeeded);
        Assert.NotEmpty(files.Failure!.GitOutput);
        Assert.Equal(head, fresh.Value);
        Assert.Equal("first", (await mirror.ReadCommitAsync(head, CancellationToken.None)).Value!.Message);
    }

    /// <summary>A mirror of a one-file commit, fetched and then damaged on disk; and the commit.</summary>
    private static async Task<(GitMirror Mirror, string Head)> FetchAndDamageAsync(TestRepository repo, TempDirectory cache)
    {
        repo.Write("apps/web.yaml", "kind: A\n");
        var head = repo.Commit("first");
        var mirror = new GitMirror(Cli, cache.Path, "demo", repo.Url, GitCredentials.None, Timeout);
        Assert.True((await mirror.FetchAsync("main", CancellationToken.None)).Succeeded);
        MirrorDamage.Inflict(mirror.Directory);
        return (mirror, head);
    }

    private static bool IsManifest(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal);

    [Fact]
    public async Task The_tree_listing_gives_each_files_blob_size_so_limits_apply_before_a_blob_is_read()
    {
        using var repo = TestRepository.Create();
        var commit = repo.Write("x/one.yaml", "12345").Write("x/two.yaml", new string('y', 70_000)).Commit("sizes");
        using var cache = new TempDirectory();
        var mirror = new GitMirror(Cli, cache.Path, "sizes", repo.Url, GitCredentials.None, Timeout);
        Assert.True((await mirror.FetchAsync("main", CancellationToken.None)).Succeeded);

        var listed = await mirror.ListFilesAsync(commit, [], _ => true, CancellationToken.None);

        Assert.Equal([("x/one.yaml", 5L), ("x/two.yaml", 70_000L)], listed.Value!.Select(f => (f.Path, f.Size)));
    }
}
