namespace GitOps.GitSync.Status;

/// <summary>Cluster counts at one point of the change log (<see cref="ResourceVersion"/>).</summary>
public sealed record ClusterCounts(
    long ResourceVersion,
    ObjectCounts Objects,
    NodeCounts Nodes,
    IReadOnlyDictionary<string, int> PodsByPhase,
    DeploymentCounts Deployments);

/// <summary>Git-managed objects: total, per kind per health, and per health.</summary>
public sealed record ObjectCounts(int Total, IReadOnlyDictionary<string, Dictionary<string, int>> ByKind, IReadOnlyDictionary<string, int> ByHealth);

public sealed record NodeCounts(int Ready, int Total);

public sealed record DeploymentCounts(int Total, long DesiredReplicas, long AvailableReplicas);
