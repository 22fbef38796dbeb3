using GitOps.EndToEnd.Tests.Harness;
using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Compose;

/// <summary>
/// The example repository of the compose stack: a bare repository holding this repository's
/// manifests-example/ on branch main (the stack mounts it), and a clone the test commits in and pushes from.
/// </summary>
public sealed class ExampleRepository : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> Identity = new Dictionary<string, string>
    {
        ["GIT_AUTHOR_NAME"] = "Compose Test", ["GIT_AUTHOR_EMAIL"] = "compose@gitops.local",
        ["GIT_COMMITTER_NAME"] = "Compose Test", ["GIT_COMMITTER_EMAIL"] = "compose@gitops.local",
    };

    private readonly string _directory;

    private ExampleRepository(string directory) => _directory = directory;

    /// <summary>The bare repository the stack syncs.</summary>
    public string BarePath => Path.Combine(_directory, "example.git");

    private string WorkPath => Path.Combine(_directory, "work");

    public static async Task<ExampleRepository> CreateAsync(CancellationToken cancellationToken)
    {
        var repository = new ExampleRepository(Path.Combine(Path.GetTempPath(), $"gitops-e2e-compose-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(repository.WorkPath);
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "manifests-example"), Path.Combine(repository.WorkPath, "manifests-example"));
        await GitAsync(repository._directory, cancellationToken, "init", "-q", "--bare", "-b", "main", repository.BarePath);
        await GitAsync(repository.WorkPath, cancellationToken, "init", "-q", "-b", "main");
        await GitAsync(repository.WorkPath, cancellationToken, "add", "-A");
        await GitAsync(repository.WorkPath, cancellationToken, "commit", "-q", "-m", "The example");
        await GitAsync(repository.WorkPath, cancellationToken, "remote", "add", "origin", repository.BarePath);
        await GitAsync(repository.WorkPath, cancellationToken, "push", "-q", "origin", "main");
        return repository;
    }

    /// <summary>Rewrites one file with <paramref name="edit"/>, commits and pushes it; returns the commit id.</summary>
    public async Task<string> PushAsync(string message, string relativePath, Func<string, string> edit, CancellationToken cancellationToken)
    {
        var path = Path.Combine(WorkPath, relativePath);
        var before = await File.ReadAllTextAsync(path, cancellationToken);
        var after = edit(before);
        Assert.NotEqual(before, after);
        await File.WriteAllTextAsync(path, after, cancellationToken);
        await GitAsync(WorkPath, cancellationToken, "commit", "-q", "-a", "-m", message);
        await GitAsync(WorkPath, cancellationToken, "push", "-q", "origin", "main");
        return (await GitAsync(WorkPath, cancellationToken, "rev-parse", "HEAD")).Trim();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    private static Task<string> GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        CommandLine.RunCheckedAsync("git", arguments, directory, Identity, TimeSpan.FromSeconds(60), cancellationToken);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
