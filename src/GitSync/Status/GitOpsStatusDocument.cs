namespace GitOps.GitSync.Status;

/// <summary>The one document dashboards poll: every source's commit and phase, and cluster counts.</summary>
public sealed record GitOpsStatusDocument(
    DateTimeOffset GeneratedAt,
    long ResourceVersion,
    IReadOnlyList<SourceSummary> Sources,
    ObjectCounts Objects,
    NodeCounts Nodes,
    IReadOnlyDictionary<string, int> PodsByPhase,
    DeploymentCounts Deployments);
