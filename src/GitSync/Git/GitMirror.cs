using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GitOps.GitSync.Git;

/// <summary>
/// A bare mirror of one source's repository in the cache directory. Fetches one branch or tag
/// into a private ref and reads files at a commit without a work tree. Each operation runs on the
/// engine <see cref="GitEngines"/> chooses: the git CLI (one <c>ls-tree</c> and one
/// <c>cat-file --batch</c> process, however many files) or libgit2 in process. A mirror that cannot
/// be read (damaged files, a failing native call) is the operation's failure, never an exception,
/// and is discarded: the next fetch starts a fresh one.
/// </summary>
public sealed class GitMirror
{
    private const string TargetRef = "refs/gitops/target";
    private readonly GitCli _git;
    private readonly GitAccess _access;
    private readonly GitAccess _fetchAccess;
    private readonly IReadOnlySet<GitProtocol>? _allowedProtocols;
    private readonly string _sourceName;
    private readonly TimeSpan _timeout;
    private readonly LibGit2Mirror _library;
    private bool _discard;

    /// <param name="allowedProtocols">The protocols the source may fetch over (see <see cref="Sources.SourcePolicy"/>); null: any supported one.</param>
    public GitMirror(
        GitCli git, string cacheDirectory, string sourceName, string url, GitCredentials credentials, TimeSpan timeout, GitEngines? engines = null,
        IReadOnlySet<GitProtocol>? allowedProtocols = null)
    {
        _git = git;
        _access = new GitAccess(credentials, SshHostKeys.For(credentials, cacheDirectory), GitAccess.HomeIn(cacheDirectory));
        _fetchAccess = _access with { Protocol = RepositoryUrl.ProtocolOf(url) };
        _allowedProtocols = allowedProtocols;
        _sourceName = sourceName;
        _timeout = timeout;
        Url = url;
        Directory = DirectoryFor(cacheDirectory, sourceName, url);
        Engines = engines ?? GitEngines.Measured;
        _library = new LibGit2Mirror(Directory, url, _fetchAccess, timeout);
    }

    /// <summary>Which engine runs each operation (<see cref="GitEngines.Measured"/> unless a benchmark asks otherwise).</summary>
    public GitEngines Engines { get; }

    public string Url { get; }

    /// <summary>How ssh checks the server's host key for this source (file and strictness), see <see cref="SshHostKeys"/>.</summary>
    public SshHostKeys HostKeys => _access.HostKeys;

    /// <summary>
    /// The bare repository's directory: one per source (a source syncs one at a time, so no two
    /// fetches race on one mirror), named by a hash so any name and URL make a safe path.
    /// </summary>
    public string Directory { get; }

    /// <summary>Fetches the branch or tag and answers the commit it points to.</summary>
    public async Task<GitResult<string>> FetchAsync(string reference, CancellationToken cancellationToken)
    {
        // Checked here, before either engine runs: libgit2 does not read GIT_ALLOW_PROTOCOL.
        if (_fetchAccess.Protocol is not { } protocol || (_allowedProtocols is not null && !_allowedProtocols.Contains(protocol)))
            return GitResult<string>.Failed(new GitFailure(GitFailureKind.Other,
                $"Source '{_sourceName}' may not fetch from '{RepositoryUrl.Redact(Url)}': its transport is not one this source may use " +
                $"({string.Join(", ", (_allowedProtocols ?? Enum.GetValues<GitProtocol>().ToHashSet()).Select(RepositoryUrl.NameOf))}). Use an https:// or ssh:// URL.", ""));
        var prepared = await PrepareAsync(cancellationToken);
        if (prepared is not null)
            return GitResult<string>.Failed(prepared);
        // LibGit2Sharp cannot turn off libgit2's following of a redirect to another host, which git's
        // http.followRedirects=false does: a token sent over HTTP is fetched with git, so it reaches the allowed URL only.
        var carriesToken = _fetchAccess.Protocol is GitProtocol.Http or GitProtocol.Https && GitEnvironment.AuthorizationHeader(_access.Credentials) is not null;
        if (!carriesToken && Engines.FetchFrom(Url, firstFetch: !HasFetched()) == GitEngine.LibGit2)
        {
            var fetched = await Task.Run(() => _library.Fetch(reference, TargetRef, cancellationToken), cancellationToken);
            if (fetched is not null)
                return GitResult<string>.Failed(fetched);
        }
        else
        {
            // Received objects stay in a pack, as libgit2's fetch keeps them: a pack is checked against
            // its index before libgit2 reads it, whereas a loose object cut short made libgit2's read hang.
            var fetch = await _git.RunAsync(
                ["-C", Directory, "-c", "fetch.unpackLimit=1", "fetch", "--no-tags", "--force", "--no-write-fetch-head", "--quiet", "--", Url, $"+{reference}:{TargetRef}"],
                _fetchAccess, _timeout, cancellationToken);
            if (!fetch.Succeeded)
                return GitResult<string>.Failed(
                    HostKeyFailure.Detect(fetch, _sourceName, Url, _access.HostKeys) ?? GitFailure.From(fetch, Url, reference, _timeout));
        }
        return await ResolveAsync(cancellationToken);
    }

    /// <summary>The commit the last fetch brought (the branch head, or the commit a tag points to).</summary>
    public async Task<GitResult<string>> ResolveAsync(CancellationToken cancellationToken)
    {
        if (Engines.ResolveHead == GitEngine.LibGit2)
            return Checked(_library.Resolve(TargetRef));
        var resolve = await RunAsync(["rev-parse", "--verify", "--quiet", $"{TargetRef}^{{commit}}"], cancellationToken);
        return Checked(resolve.Succeeded
            ? GitResult<string>.Ok(resolve.StandardOutput.Trim())
            : GitResult<string>.Failed(GitFailure.From(resolve, Url, TargetRef, _timeout)));
    }

    public async Task<GitResult<CommitInfo>> ReadCommitAsync(string commit, CancellationToken cancellationToken)
    {
        if (Engines.ReadCommit == GitEngine.LibGit2)
            return Checked(_library.ReadCommit(commit));
        return Checked(await ReadCommitWithCliAsync(commit, cancellationToken));
    }

    private async Task<GitResult<CommitInfo>> ReadCommitWithCliAsync(string commit, CancellationToken cancellationToken)
    {
        var show = await RunAsync(["show", "-s", "--format=%H%x00%an%x00%ae%x00%aI%x00%B", commit, "--"], cancellationToken);
        if (!show.Succeeded)
            return GitResult<CommitInfo>.Failed(GitFailure.From(show, Url, commit, _timeout));
        var parts = show.StandardOutput.Split('\0', 5);
        if (parts.Length < 5)
            return GitResult<CommitInfo>.Failed(new GitFailure(GitFailureKind.Other, $"Unexpected output of git show for commit {commit}.", show.StandardOutput));
        var time = DateTimeOffset.Parse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return GitResult<CommitInfo>.Ok(new CommitInfo(parts[0], parts[1], parts[2], time, parts[4].TrimEnd()));
    }

    /// <summary>The blobs under <paramref name="paths"/> at <paramref name="commit"/>, filtered by <paramref name="include"/>.</summary>
    public async Task<GitResult<IReadOnlyList<ManifestFile>>> ReadFilesAsync(
        string commit, IReadOnlyList<string> paths, Func<string, bool> include, CancellationToken cancellationToken)
    {
        var listed = await ListFilesAsync(commit, paths, include, cancellationToken);
        if (!listed.Succeeded)
            return GitResult<IReadOnlyList<ManifestFile>>.Failed(listed.Failure!);
        return await ReadBlobsAsync(listed.Value!, cancellationToken);
    }

    /// <summary>
    /// The path, blob id and size of every file under <paramref name="paths"/> at <paramref name="commit"/> that
    /// <paramref name="include"/> accepts (from the tree and the object headers, by either engine), so limits apply before any blob is read.
    /// </summary>
    public async Task<GitResult<IReadOnlyList<TreeFile>>> ListFilesAsync(
        string commit, IReadOnlyList<string> paths, Func<string, bool> include, CancellationToken cancellationToken)
    {
        if (Engines.ListTree == GitEngine.LibGit2)
            return Checked(await Task.Run(() => _library.ListFiles(commit, paths.Select(NormalizePath).Distinct().ToList(), include), cancellationToken));
        return Checked(await ListFilesWithCliAsync(commit, paths, include, cancellationToken));
    }

    private async Task<GitResult<IReadOnlyList<TreeFile>>> ListFilesWithCliAsync(
        string commit, IReadOnlyList<string> paths, Func<string, bool> include, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--" };
        var pathspecs = paths.Select(NormalizePath).ToList();
        if (!pathspecs.Contains(""))
            arguments.AddRange(pathspecs);
        var tree = await RunAsync(arguments, cancellationToken);
        if (!tree.Succeeded)
            return GitResult<IReadOnlyList<TreeFile>>.Failed(GitFailure.From(tree, Url, commit, _timeout));

        var blobs = new List<TreeFile>();
        foreach (var entry in tree.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> SP <type> SP <sha> SP+ <size> TAB <path>" (the size is padded; "-" for what is not a blob)
            var tab = entry.IndexOf('\t');
            var header = entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = entry[(tab + 1)..];
            if (header[1] == "blob" && include(path))
                blobs.Add(new TreeFile(path, header[2], long.Parse(header[3], NumberStyles.None, CultureInfo.InvariantCulture)));
        }
        return GitResult<IReadOnlyList<TreeFile>>.Ok(blobs);
    }

    /// <summary>
    /// Which of <paramref name="paths"/> name nothing (no folder, no file) at <paramref name="commit"/>,
    /// as configured; the repository root always exists. One <c>git cat-file --batch-check</c> process.
    /// </summary>
    public async Task<GitResult<IReadOnlyList<string>>> FindMissingPathsAsync(
        string commit, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var named = paths.Where(p => NormalizePath(p).Length > 0).ToList();
        if (named.Count == 0)
            return GitResult<IReadOnlyList<string>>.Ok([]);
        if (Engines.FindPaths == GitEngine.LibGit2)
            return Checked(_library.FindMissingPaths(commit, named.Select(p => (p, NormalizePath(p))).ToList()));
        return Checked(await FindMissingPathsWithCliAsync(commit, named, cancellationToken));
    }

    private async Task<GitResult<IReadOnlyList<string>>> FindMissingPathsWithCliAsync(
        string commit, List<string> named, CancellationToken cancellationToken)
    {
        using var process = _git.StartStreaming(["-C", Directory, "cat-file", "--batch-check=%(objecttype)"], _access);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        bool timedOut;
        try
        {
            var requests = string.Concat(named.Select(p => $"{commit}:{NormalizePath(p)}\n"));
            await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(requests), cancellationToken);
            process.StandardInput.Close();
            timedOut = await GitCli.WaitAsync(process, _timeout, cancellationToken);
        }
        catch (IOException exception)
        {
            GitCli.Kill(process);
            return GitResult<IReadOnlyList<string>>.Failed(new GitFailure(GitFailureKind.Other,
                $"Checking the source's paths at commit {commit} in the mirror of '{RepositoryUrl.Redact(Url)}' failed: {exception.Message}", await stderr));
        }
        if (timedOut || process.ExitCode != 0)
            return GitResult<IReadOnlyList<string>>.Failed(GitFailure.From(
                new GitCommandResult(timedOut ? -1 : process.ExitCode, "", RepositoryUrl.RedactText(await stderr), timedOut), Url, commit, _timeout));

        // One answer line per request, in order: the object's type, or "<request> missing".
        var answers = (await stdout).Split('\n');
        var missing = new List<string>();
        for (var i = 0; i < named.Count; i++)
        {
            if (i >= answers.Length || answers[i].EndsWith(" missing", StringComparison.Ordinal))
                missing.Add(named[i]);
        }
        return GitResult<IReadOnlyList<string>>.Ok(missing);
    }

    /// <summary>The contents of the given blobs, through one <c>git cat-file --batch</c> process.</summary>
    public async Task<GitResult<IReadOnlyList<ManifestFile>>> ReadBlobsAsync(IReadOnlyList<TreeFile> blobs, CancellationToken cancellationToken)
    {
        if (blobs.Count == 0)
            return GitResult<IReadOnlyList<ManifestFile>>.Ok([]);
        if (Engines.ReadBlobs == GitEngine.LibGit2)
            return Checked(await Task.Run(() => _library.ReadBlobs(blobs, cancellationToken), cancellationToken));
        return Checked(await ReadBlobsWithCliAsync(blobs, cancellationToken));
    }

    private async Task<GitResult<IReadOnlyList<ManifestFile>>> ReadBlobsWithCliAsync(IReadOnlyList<TreeFile> blobs, CancellationToken cancellationToken)
    {
        using var process = _git.StartStreaming(["-C", Directory, "cat-file", "--batch"], _access);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var writer = WriteRequestsAsync(process, blobs, cancellationToken);
        var files = new List<ManifestFile>(blobs.Count);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            var reader = new BatchReader(process.StandardOutput.BaseStream);
            foreach (var (path, sha, _) in blobs)
            {
                var content = await reader.ReadObjectAsync(sha, deadline.Token);
                if (content is null)
                    return GitResult<IReadOnlyList<ManifestFile>>.Failed(
                        new GitFailure(GitFailureKind.Other, $"Blob {sha} of '{path}' is missing from the mirror of '{RepositoryUrl.Redact(Url)}'.", ""));
                files.Add(new ManifestFile(path, content));
            }
            await writer;
            await GitCli.WaitAsync(process, _timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            GitCli.Kill(process);
            return GitResult<IReadOnlyList<ManifestFile>>.Failed(GitFailure.From(
                new GitCommandResult(-1, "", await stderr, TimedOut: true), Url, null, _timeout));
        }
        catch (IOException exception)
        {
            GitCli.Kill(process);
            return GitResult<IReadOnlyList<ManifestFile>>.Failed(new GitFailure(GitFailureKind.Other,
                $"Reading files from the mirror of '{RepositoryUrl.Redact(Url)}' failed: {exception.Message}", await stderr));
        }
        return GitResult<IReadOnlyList<ManifestFile>>.Ok(files);
    }

    private static async Task WriteRequestsAsync(
        System.Diagnostics.Process process, IReadOnlyList<TreeFile> blobs, CancellationToken cancellationToken)
    {
        var input = process.StandardInput;
        var builder = new StringBuilder(blobs.Count * 41);
        foreach (var blob in blobs)
            builder.Append(blob.Sha).Append('\n');
        await input.WriteAsync(builder, cancellationToken);
        await input.FlushAsync(cancellationToken);
        input.Close();
    }

    /// <summary>
    /// Readies the mirror for a fetch: removes one a read found damaged, reports (and marks for
    /// removal) one that does not open or whose fetched commit does not read, creates a missing one.
    /// </summary>
    private async Task<GitFailure?> PrepareAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(_access.Home))
        {
            if (OperatingSystem.IsWindows())
                System.IO.Directory.CreateDirectory(_access.Home);
            else
                System.IO.Directory.CreateDirectory(_access.Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (_discard)
        {
            try
            {
                if (System.IO.Directory.Exists(Directory))
                    System.IO.Directory.Delete(Directory, recursive: true);
                _discard = false;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return GitFailure.DamagedMirror(Url, Directory, "removing the damaged mirror", exception.Message);
            }
        }
        if (System.IO.Directory.Exists(Path.Combine(Directory, "objects")))
        {
            var damage = _library.Damage(TargetRef);
            _discard = damage is not null;
            return damage is null ? null : GitFailure.DamagedMirror(Url, Directory, "opening it", damage);
        }
        System.IO.Directory.CreateDirectory(Directory);
        if (Engines.FetchFrom(Url, firstFetch: true) == GitEngine.LibGit2)
            return _library.Init();
        var init = await _git.RunAsync(["init", "--bare", "--quiet", Directory], _access, _timeout, cancellationToken);
        return init.Succeeded ? null : GitFailure.From(init, Url, null, _timeout);
    }

    /// <summary>Whether a fetch brought the target ref: loose, or packed by git's automatic maintenance.</summary>
    private bool HasFetched()
    {
        if (File.Exists(Path.Combine(Directory, TargetRef)))
            return true;
        var packed = Path.Combine(Directory, "packed-refs");
        return File.Exists(packed) && File.ReadLines(packed).Any(line => line.EndsWith(" " + TargetRef, StringComparison.Ordinal));
    }

    /// <summary>A read of the mirror that failed for any reason but time marks it for removal before the next fetch.</summary>
    private GitResult<T> Checked<T>(GitResult<T> result)
    {
        if (result.Failure is { Kind: not GitFailureKind.Timeout })
            _discard = true;
        return result;
    }

    private Task<GitCommandResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        _git.RunAsync(["-C", Directory, .. arguments], _access, _timeout, cancellationToken);

    /// <summary>A configured path as git names it from the root: no empty or "." segments ("./deploy//prod/" is "deploy/prod", "." is the root, "").</summary>
    private static string NormalizePath(string path) =>
        string.Join('/', path.Replace('\\', '/').Trim().Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "."));

    /// <summary>The mirror directory of a source with this name and URL under <paramref name="cacheDirectory"/>.</summary>
    public static string DirectoryFor(string cacheDirectory, string sourceName, string url)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sourceName + "\n" + url));
        return Path.Combine(cacheDirectory, Convert.ToHexStringLower(hash.AsSpan(0, 12)) + ".git");
    }
}
