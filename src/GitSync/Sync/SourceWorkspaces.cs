using System.Collections.Concurrent;
using GitOps.GitSync.Git;
using GitOps.GitSync.Manifests;
using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Sync;

/// <summary>Per source on this silo: its mirror, and the manifests of the last commit read (so a resync of the same commit parses nothing).</summary>
public sealed class SourceWorkspaces(GitCli git, IOptions<GitOpsOptions> options)
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

    private GitMirror CreateMirror(SourceSpec spec)
    {
        var value = options.Value;
        var credentials = spec.Credentials is { } name && value.Credentials.TryGetValue(name, out var configured)
            ? new GitCredentials(configured.Token, configured.Username, configured.SshKeyFile, configured.KnownHostsFile, name)
            : GitCredentials.None;
        return new GitMirror(git, value.EffectiveCacheDirectory, spec.Name, spec.Url, credentials, value.EffectiveGitTimeout);
    }
}
