namespace GitOps.Grains.Controllers.Workloads.ReplicaSets;

/// <summary>The pod counts a ReplicaSet's status reports, all over its active (not terminating, not finished) pods.</summary>
public sealed record ReplicaSetCounts(int Replicas, int FullyLabeledReplicas, int ReadyReplicas, int AvailableReplicas);
