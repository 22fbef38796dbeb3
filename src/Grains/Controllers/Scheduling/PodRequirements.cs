using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>What a pending pod asks of a node, read once from the Pod so each node check is cheap.</summary>
public sealed record PodRequirements(
    ResourceKey Key,
    ResourceAmounts Requests,
    IReadOnlyList<KeyValuePair<string, string>> NodeSelector,
    IReadOnlyList<NodeSelectorTerm> AffinityTerms,
    IReadOnlyList<Toleration> Tolerations,
    string? OwnerUid)
{
    public static PodRequirements From(Pod pod)
    {
        var spec = pod.Spec;
        return new PodRequirements(
            ResourceKey.Of(pod.Object),
            ResourceAmounts.FromRequests(spec.TotalRequests),
            spec.NodeSelector.ToArray(),
            spec.RequiredNodeAffinityTerms,
            spec.Tolerations,
            pod.Metadata.ControllerReference?.Uid);
    }
}
