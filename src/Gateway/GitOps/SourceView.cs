using GitOps.GitSync.Git;
using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;
using GitOps.GitSync.Sync;

namespace GitOps.Gateway.GitOpsApi;

/// <summary>A source as the API shows it: its settings (URL without credentials) and, when known, its phase and commit.</summary>
public sealed record SourceView(
    string Name,
    string Url,
    string Branch,
    IReadOnlyList<string> Paths,
    string PollInterval,
    bool Prune,
    bool SelfHeal,
    string? Credentials,
    SourceOrigin Origin,
    bool AllowInsecureHttp,
    SourcePhase? Phase,
    string? Commit)
{
    public static SourceView From(SourceSpec spec, SourceSummary? summary = null) => new(
        spec.Name,
        RepositoryUrl.Redact(spec.Url),
        spec.Branch,
        spec.Paths,
        DurationParser.Format(spec.PollInterval),
        spec.Prune,
        spec.SelfHeal,
        spec.Credentials,
        spec.Origin,
        spec.AllowInsecureHttp,
        summary?.Phase,
        summary?.Commit);
}
