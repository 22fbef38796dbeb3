namespace GitOps.NodeAgent.Nodes;

/// <summary>
/// What one node registers as: name, capacity (Kubernetes quantities such as "4" and "8Gi"), labels,
/// taints, its address and the CIDR its pods take their IPs from.
/// </summary>
public sealed record NodeTemplate(
    string Name,
    string Cpu,
    string Memory,
    int Pods,
    string InternalIp,
    string PodCidr,
    string InstanceType,
    string RuntimeName,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<NodeTaint> Taints);
