using System.Diagnostics;
using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>A real Git repository in a temporary directory, committed to through the git CLI.</summary>
public sealed class GitRepository : IDisposable
{
    private GitRepository(string path) => Path = path;

    public string Path { get; }

    public string Url => new Uri(Path).AbsoluteUri;

    /// <summary>The folder every repository is created in, which a <see cref="GitHttpServer"/> serves them from.</summary>
    public static string RootDirectory => System.IO.Path.GetTempPath();

    /// <summary>The repository's URL on a <see cref="GitHttpServer"/> serving <see cref="RootDirectory"/>: sources added through the API cannot use file://.</summary>
    public string HttpUrl(GitHttpServer server) => $"{server.BaseUrl}/{System.IO.Path.GetFileName(Path)}";

    public static async Task<GitRepository> CreateAsync(CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gitops-e2e-repo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        var repository = new GitRepository(path);
        await repository.GitAsync(cancellationToken, "init", "-q", "-b", "main");
        await repository.GitAsync(cancellationToken, "config", "user.email", "e2e@gitops.local");
        await repository.GitAsync(cancellationToken, "config", "user.name", "End To End");
        return repository;
    }

    /// <summary>Writes the files (relative path → content) and commits them; returns the commit id.</summary>
    public async Task<string> CommitAsync(string message, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        foreach (var (relative, content) in files)
        {
            var full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, cancellationToken);
        }
        await GitAsync(cancellationToken, "add", "-A");
        await GitAsync(cancellationToken, "commit", "-q", "-m", message);
        return (await GitAsync(cancellationToken, "rev-parse", "HEAD")).Trim();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    private async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {await stderr}");
        return await stdout;
    }
}
