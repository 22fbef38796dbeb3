using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace GitOps.Silo.Example;

/// <summary>
/// Finds the example folder above the working directory or the executable, and the repository to
/// sync it from: the Git checkout it is part of, on its current branch, or else a throw-away
/// repository made from a copy of the folder (kept under the temp directory, so commits made there
/// survive a restart).
/// </summary>
public static class ExampleLocator
{
    public const string FolderName = "manifests-example";

    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The example source, or the reason there is none (no folder found, git missing or failing).</summary>
    public static (ExampleSource? Source, string? Problem) Locate(IEnumerable<string> startDirectories)
    {
        var root = startDirectories.Select(FindRoot).FirstOrDefault(r => r is not null);
        if (root is null)
            return (null, $"no {FolderName}/ folder above the working directory or the executable");
        try
        {
            return (FromCheckout(root) ?? FromCopy(root), null);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return (null, exception.Message);
        }
    }

    private static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, FolderName)))
                return directory.FullName;
        }
        return null;
    }

    // The checkout itself when root is the top of a Git working tree, on a branch, with the folder committed.
    private static ExampleSource? FromCheckout(string root)
    {
        var top = TryGit(root, "rev-parse", "--show-toplevel");
        if (top is null || Path.GetFullPath(top.Trim()) != Path.GetFullPath(root))
            return null;
        var branch = TryGit(root, "symbolic-ref", "-q", "--short", "HEAD")?.Trim();
        var tracked = TryGit(root, "ls-files", "--", FolderName);
        if (string.IsNullOrEmpty(branch) || string.IsNullOrWhiteSpace(tracked))
            return null;
        return new ExampleSource(new Uri(root).AbsoluteUri, branch, root, IsThrowAway: false);
    }

    private static ExampleSource FromCopy(string root)
    {
        var folder = Path.Combine(root, FolderName);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)).AsSpan(0, 6));
        var checkout = Path.Combine(Path.GetTempPath(), $"gitops-example-{hash}");
        if (!Directory.Exists(Path.Combine(checkout, ".git")))
        {
            if (Directory.Exists(checkout))
                Directory.Delete(checkout, recursive: true);
            Copy(new DirectoryInfo(folder), Path.Combine(checkout, FolderName));
            Git(checkout, "init", "-q", "-b", "main");
            Git(checkout, "add", "-A");
            Git(checkout, "-c", "user.name=GitOps", "-c", "user.email=gitops@localhost", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", $"The example, copied from {folder}");
        }
        var branch = TryGit(checkout, "symbolic-ref", "-q", "--short", "HEAD")?.Trim();
        return new ExampleSource(new Uri(checkout).AbsoluteUri, string.IsNullOrEmpty(branch) ? "main" : branch, checkout, IsThrowAway: true);
    }

    private static void Copy(DirectoryInfo source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in source.GetFiles())
            file.CopyTo(Path.Combine(target, file.Name));
        foreach (var directory in source.GetDirectories())
            Copy(directory, Path.Combine(target, directory.Name));
    }

    private static string? TryGit(string directory, params string[] arguments)
    {
        var (exitCode, output, _) = Run(directory, arguments);
        return exitCode == 0 ? output : null;
    }

    private static void Git(string directory, params string[] arguments)
    {
        var (exitCode, _, error) = Run(directory, arguments);
        if (exitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} in {directory} failed ({exitCode}): {error.Trim()}");
    }

    private static (int ExitCode, string Output, string Error) Run(string directory, string[] arguments)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("git could not be started: install git and put it on PATH.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(GitTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} in {directory} did not finish within {GitTimeout.TotalSeconds:0} s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
