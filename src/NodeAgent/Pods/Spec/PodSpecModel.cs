using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>The parts of a pod's spec the agent runs, read from the pod's JSON.</summary>
public sealed record PodSpecModel
{
    public const string RestartAlways = "Always";
    public const string RestartOnFailure = "OnFailure";
    public const string RestartNever = "Never";
    public const long DefaultTerminationGracePeriodSeconds = 30;

    public IReadOnlyList<ContainerModel> Containers { get; init; } = [];

    public IReadOnlyList<ContainerModel> InitContainers { get; init; } = [];

    public string? RestartPolicy { get; init; }

    public long? TerminationGracePeriodSeconds { get; init; }

    public string? NodeName { get; init; }

    /// <summary>The restart policy, defaulted to Always as the API server does.</summary>
    public string EffectiveRestartPolicy => string.IsNullOrEmpty(RestartPolicy) ? RestartAlways : RestartPolicy;

    /// <summary>The grace period of a deletion: the one set on the deletion, else the spec's, else 30 s.</summary>
    public static TimeSpan GracePeriodOf(KubeObject pod, PodSpecModel spec)
    {
        var seconds = JsonFields.ToLong(pod.Metadata.Node["deletionGracePeriodSeconds"])
            ?? spec.TerminationGracePeriodSeconds ?? DefaultTerminationGracePeriodSeconds;
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }

    /// <summary>Reads the spec of <paramref name="pod"/>; an unreadable spec is an error naming the pod and the JSON problem.</summary>
    public static PodSpecModel Read(KubeObject pod)
    {
        if (pod.Spec is not { } spec)
            return new PodSpecModel();
        try
        {
            return spec.Deserialize<PodSpecModel>(SpecJson.Options) ?? new PodSpecModel();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Pod {pod.Metadata.Namespace}/{pod.Metadata.Name} has a spec the agent cannot read: {ex.Message}", ex);
        }
    }
}
