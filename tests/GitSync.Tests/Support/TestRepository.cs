using System.Diagnostics;
using GitOps.TestSupport;

namespace GitOps.GitSync.Tests.Support;

/// <summary>A real Git repository in a temporary directory, created and committed to with the git CLI.</summary>
public sealed class TestRepository : IDisposable
{
    private TestRepository(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Where every test repository is created: the root a <see cref="GitHttpServer"/> serves them from.</summary>
    public static readonly string RootDirectory = Path.Combine(Path.GetTempPath(), "gitops-test-repos");

    private static readonly Lazy<Task<GitHttpServer>> Shared = new(() => GitHttpServer.StartAsync(RootDirectory, CancellationToken.None));

    public string Url => "file://" + Directory;

    /// <summary>One server for the whole test run, for tests whose sources outlive a method's scope; it stops with the process.</summary>
    public static Task<GitHttpServer> SharedHttpServerAsync() => Shared.Value;

    /// <summary>The repository's URL on a <see cref="GitHttpServer"/> serving <see cref="RootDirectory"/> (sources added through the API cannot use file://).</summary>
    public string HttpUrl(GitHttpServer server) => $"{server.BaseUrl}/{Path.GetFileName(Directory)}";

    public static TestRepository Create(string branch = "main")
    {
        var directory = Path.Combine(RootDirectory, Guid.NewGuid().ToString("n"));
        System.IO.Directory.CreateDirectory(directory);
        var repository = new TestRepository(directory);
        repository.Git("init", "--quiet", "--initial-branch", branch);
        repository.Git("config", "user.name", "Test Author");
        repository.Git("config", "user.email", "author@example.com");
        repository.Git("config", "commit.gpgsign", "false");
        return repository;
    }

    public TestRepository Write(string path, string content)
    {
        var full = Path.Combine(Directory, path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public TestRepository Delete(string path)
    {
        Git("rm", "--quiet", path);
        return this;
    }

    public TestRepository Move(string from, string to)
    {
        Git("mv", from, to);
        return this;
    }

    /// <summary>Commits everything in the work tree and returns the commit's SHA.</summary>
    public string Commit(string message)
    {
        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public void Branch(string name) => Git("checkout", "--quiet", "-b", name);

    public void Checkout(string name) => Git("checkout", "--quiet", name);

    public void Tag(string name) => Git("tag", "-a", name, "-m", $"tag {name}");

    public string Git(params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(true);
            throw new TimeoutException($"git {string.Join(' ', arguments)} did not finish in 30 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Result}");
        return output.Result;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A git process may still hold a file briefly; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // Git marks object files read-only on some systems; the temp folder is cleaned by the OS.
        }
    }
}
