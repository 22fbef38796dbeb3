using System.Diagnostics;
using LibGit2Sharp;

namespace GitOps.GitSync.Git;

/// <summary>
/// A mirror's operations through libgit2 in process (LibGit2Sharp), each on its own short-lived
/// <see cref="Repository"/> handle. Every native failure comes back as a value: a fetch's as git's
/// failure kinds from libgit2's text, a read's as a damaged mirror (<see cref="GitFailureKind.Mirror"/>),
/// which <see cref="GitMirror"/> discards; an exception never leaves this class.
/// </summary>
internal sealed class LibGit2Mirror(string directory, string url, GitAccess access, TimeSpan timeout)
{
    private const string RemoteName = "gitops";

    public GitFailure? Init()
    {
        try
        {
            LibGit2Configuration.EnsureIsolated();
            Repository.Init(directory, isBare: true);
            return null;
        }
        catch (Exception exception) when (IsNative(exception))
        {
            return GitFailure.DamagedMirror(url, directory, "creating it", exception.Message);
        }
    }

    /// <summary>Null when the mirror opens and its fetched commit and tree read; else what libgit2 said.</summary>
    public string? Damage(string targetRef)
    {
        try
        {
            LibGit2Configuration.EnsureIsolated();
            using var repository = new Repository(directory);
            _ = repository.Refs["HEAD"];
            if (repository.Refs[targetRef] is not null)
                _ = repository.Lookup<Commit>($"{targetRef}^{{commit}}")?.Tree.Count;
            return null;
        }
        catch (Exception exception) when (IsNative(exception))
        {
            return exception.Message;
        }
    }

    /// <summary>Fetches <paramref name="reference"/> into <paramref name="targetRef"/>: null, or the failure with libgit2's text.</summary>
    public GitFailure? Fetch(string reference, string targetRef, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var fetchHead = Path.Combine(directory, "FETCH_HEAD");
        try
        {
            LibGit2Configuration.EnsureIsolated();
            using var repository = new Repository(directory);
            if (RepositoryUrl.TransportOf(url) == GitTransport.Ssh)
                repository.Config.Set("core.sshCommand", WriteSshScript(), ConfigurationLevel.Local);
            var options = new FetchOptions
            {
                TagFetchMode = TagFetchMode.None,
                Prune = false,
                OnProgress = _ => !deadline.IsCancellationRequested,
                OnTransferProgress = _ => !deadline.IsCancellationRequested,
            };
            // As git: a proxy from http.proxy or the http(s)_proxy variables.
            options.ProxyOptions.ProxyType = ProxyType.Auto;
            if (GitEnvironment.AuthorizationHeader(access.Credentials) is { } header)
                options.CustomHeaders = [header];
            File.Delete(fetchHead);
            // A named remote: libgit2 1.9 takes a URL where a remote name is expected for an error.
            if (repository.Network.Remotes[RemoteName] is not { } remote || remote.Url != url)
            {
                repository.Network.Remotes.Remove(RemoteName);
                repository.Network.Remotes.Add(RemoteName, url, $"+{targetRef}:{targetRef}");
            }
            Commands.Fetch(repository, RemoteName, [$"+{reference}:{targetRef}"], options, logMessage: null);
            // libgit2 fetches nothing, without an error, for a refspec the remote has no ref for;
            // FETCH_HEAD then lists no ref, where git says "couldn't find remote ref".
            return File.Exists(fetchHead) && File.ReadAllText(fetchHead).Trim().Length > 0
                ? null
                : FetchFailure(1, $"fatal: couldn't find remote ref {reference}");
        }
        catch (UserCancelledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchFailure(-1, "", timedOut: true);
        }
        catch (UserCancelledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception exception) when (IsNative(exception))
        {
            return FetchFailure(1, exception.Message);
        }

        GitFailure FetchFailure(int exitCode, string text, bool timedOut = false) =>
            GitFailure.From(new GitCommandResult(exitCode, "", RepositoryUrl.RedactText(text), timedOut), url, reference, timeout);
    }

    /// <summary>
    /// libgit2 runs core.sshCommand as one executable, not through a shell as git does, in the silo's own
    /// environment: a script in the mirror removes what git's environment removes (the ssh agent) and runs
    /// ssh with the options git gets through GIT_SSH_COMMAND.
    /// </summary>
    private string WriteSshScript()
    {
        var script = Path.Combine(directory, "gitops-ssh");
        File.WriteAllText(script,
            $"#!/bin/sh\nunset {string.Join(' ', GitEnvironment.Removed)}\n" +
            $"exec {GitEnvironment.SshCommand(access.Credentials.SshKeyFile, access.HostKeys)} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    public GitResult<string> Resolve(string targetRef) =>
        Read("resolving the fetched commit", repository =>
            repository.Lookup<Commit>($"{targetRef}^{{commit}}")?.Sha ?? throw new NotFoundException($"{targetRef} names no commit."));

    public GitResult<CommitInfo> ReadCommit(string sha) =>
        Read($"reading commit {sha}", repository =>
        {
            var commit = repository.Lookup<Commit>(new ObjectId(sha)) ?? throw new NotFoundException($"Commit {sha} is not in the mirror.");
            return new CommitInfo(commit.Sha, commit.Author.Name, commit.Author.Email, commit.Author.When, commit.Message.TrimEnd());
        });

    /// <summary>
    /// The blobs under the paths (git's names from the root; "" is the whole tree), in git's tree
    /// order, each once: a subtree is entered only when a path lies in it or it lies in a path.
    /// </summary>
    public GitResult<IReadOnlyList<TreeFile>> ListFiles(string commit, IReadOnlyList<string> paths, Func<string, bool> include) =>
        Read($"listing the files of commit {commit}", IReadOnlyList<TreeFile> (repository) =>
        {
            var root = (repository.Lookup<Commit>(new ObjectId(commit)) ?? throw new NotFoundException($"Commit {commit} is not in the mirror.")).Tree;
            var files = new List<TreeFile>();
            Walk(root, "", paths.Count == 0 || paths.Contains(""));
            return files;

            void Walk(Tree tree, string prefix, bool inPath)
            {
                foreach (var entry in tree)
                {
                    var path = prefix + entry.Name;
                    var matched = inPath || paths.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal));
                    if (entry.TargetType == TreeEntryTargetType.Tree)
                    {
                        if (matched || paths.Any(p => p.StartsWith(path + "/", StringComparison.Ordinal)))
                            Walk((Tree)entry.Target, path + "/", matched);
                    }
                    else if (entry.TargetType == TreeEntryTargetType.Blob && matched && include(path))
                    {
                        files.Add(new TreeFile(path, entry.Target.Sha, repository.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size));
                    }
                }
            }
        });

    /// <summary>Which of <paramref name="paths"/> (named with their git names from the root) name nothing at the commit.</summary>
    public GitResult<IReadOnlyList<string>> FindMissingPaths(string commit, IReadOnlyList<(string Configured, string Name)> paths) =>
        Read($"checking the source's paths at commit {commit}", IReadOnlyList<string> (repository) =>
        {
            var found = repository.Lookup<Commit>(new ObjectId(commit)) ?? throw new NotFoundException($"Commit {commit} is not in the mirror.");
            return paths.Where(p => found[p.Name] is null).Select(p => p.Configured).ToList();
        });

    public GitResult<IReadOnlyList<ManifestFile>> ReadBlobs(IReadOnlyList<TreeFile> blobs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return Read("reading files", IReadOnlyList<ManifestFile> (repository) =>
        {
            var files = new List<ManifestFile>(blobs.Count);
            foreach (var (path, sha, _) in blobs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (clock.Elapsed > timeout)
                    throw new TimeoutException($"Reading {blobs.Count} files took longer than {timeout}.");
                // By id, not by a revision to parse; the stream's length, not Blob.Size, which would
                // look the blob up again (libgit2 does not cache blobs: each lookup inflates it).
                var blob = repository.Lookup<Blob>(new ObjectId(sha)) ?? throw new NotFoundException($"Blob {sha} of '{path}' is not in the mirror.");
                using var stream = blob.GetContentStream();
                var content = new byte[stream.Length];
                stream.ReadExactly(content);
                files.Add(new ManifestFile(path, content));
            }
            return files;
        });
    }

    /// <summary>Runs a read on a fresh handle; any native failure, or an object the mirror lacks, is a damaged mirror.</summary>
    private GitResult<T> Read<T>(string operation, Func<Repository, T> read)
    {
        try
        {
            LibGit2Configuration.EnsureIsolated();
            using var repository = new Repository(directory);
            return GitResult<T>.Ok(read(repository));
        }
        catch (TimeoutException exception)
        {
            return GitResult<T>.Failed(new GitFailure(GitFailureKind.Timeout,
                $"libgit2 did not finish {operation} within {timeout} for '{RepositoryUrl.Redact(url)}'. Raise GitOps:GitTimeout.", exception.Message));
        }
        catch (Exception exception) when (IsNative(exception))
        {
            return GitResult<T>.Failed(GitFailure.DamagedMirror(url, directory, operation, exception.Message));
        }
    }

    /// <summary>
    /// What libgit2 and its loading throw: its own errors (damaged objects, refs, packs), a native
    /// library that does not load, and the handle errors of a repository that is not one.
    /// </summary>
    private static bool IsNative(Exception exception) =>
        exception is LibGit2SharpException or TypeInitializationException or DllNotFoundException or EntryPointNotFoundException
            or BadImageFormatException or IOException or UnauthorizedAccessException;
}
