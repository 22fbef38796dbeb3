using System.Collections.Concurrent;
using GitOps.GitSync.Git;
using GitOps.GitSync.Logging;
using GitOps.GitSync.Manifests;
using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Sync;

/// <summary>
/// Per source on this silo: its mirror, and the manifests of the last commit read (so a resync of the same commit
/// parses nothing). A removed source's workspace is forgotten and its mirror deleted (the source grain also removes
/// the old definition when a source's URL changes).
/// </summary>
public sealed class SourceWorkspaces(GitCli git, IOptions<GitOpsOptions> options, ILogger<SourceWorkspaces> logger)
{
    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);

    public sealed class Workspace(GitMirror mirror)
    {
        public GitMirror Mirror { get; } = mirror;

        public LoadedManifests? Manifests { get; set; }

        /// <summary>Held while git runs in the mirror, so a dry run and a sync never fetch into it at once.</summary>
        public SemaphoreSlim GitLock { get; } = new(1, 1);
    }

    public Workspace For(SourceSpec spec)
    {
        var workspace = _workspaces.AddOrUpdate(
            spec.Name,
            _ => new Workspace(CreateMirror(spec)),
            (_, existing) => existing.Mirror.Url == spec.Url ? existing : new Workspace(CreateMirror(spec)));
        if (workspace.Manifests is { } cached && !cached.Paths.SequenceEqual(spec.Paths))
            workspace.Manifests = null;
        return workspace;
    }

    /// <summary>
    /// Forgets a removed source and deletes its mirror on this silo: at once when no git command runs in it, else as
    /// soon as the one running ends. Mirrors other silos kept for it are deleted by those silos only.
    /// </summary>
    public void Remove(SourceSpec spec)
    {
        if (_workspaces.TryRemove(spec.Name, out var workspace))
        {
            Retire(spec.Name, workspace);
            return;
        }
        // Not used since this silo started: a mirror an earlier run of this silo left.
        Delete(spec.Name, GitMirror.DirectoryFor(options.Value.EffectiveCacheDirectory, spec.Name, spec.Url));
    }

    private void Retire(string source, Workspace workspace)
    {
        workspace.Manifests = null;
        if (workspace.GitLock.Wait(0))
        {
            DeleteUnlessReused(source, workspace);
            return;
        }
        _ = workspace.GitLock.WaitAsync(CancellationToken.None).ContinueWith(_ => DeleteUnlessReused(source, workspace), TaskScheduler.Default);
    }

    // The source may have been added again with the same URL meanwhile: its new workspace owns the directory then.
    private void DeleteUnlessReused(string source, Workspace workspace)
    {
        if (!(_workspaces.TryGetValue(source, out var current) && current.Mirror.Directory == workspace.Mirror.Directory))
            Delete(source, workspace.Mirror.Directory);
        workspace.GitLock.Release();
    }

    private void Delete(string source, string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.MirrorNotDeleted(logger, source, directory, exception.Message);
        }
    }

    private GitMirror CreateMirror(SourceSpec spec)
    {
        var value = options.Value;
        var credentials = spec.Credentials is { } name && value.Credentials.TryGetValue(name, out var configured)
            ? new GitCredentials(configured.Token, configured.Username, configured.SshKeyFile, configured.KnownHostsFile, name)
            : GitCredentials.None;
        return new GitMirror(git, value.EffectiveCacheDirectory, spec.Name, spec.Url, credentials, value.EffectiveGitTimeout,
            allowedProtocols: SourcePolicy.AllowedProtocols(spec.Origin, spec.AllowInsecureHttp));
    }

    /// <summary>
    /// Why the source may not fetch now, or null: the rules are checked again before every fetch, as the credentials'
    /// URL prefixes may have changed since the source was added (or it was stored before they applied).
    /// </summary>
    public string? Refusal(SourceSpec spec)
    {
        var errors = SourcePolicy.Check(spec.Url, spec.Origin, spec.AllowInsecureHttp, spec.Credentials, options.Value.Credentials, setting => setting);
        return errors.Count == 0 ? null : $"Source '{spec.Name}' is not fetched: {string.Join(" ", errors)}";
    }
}
