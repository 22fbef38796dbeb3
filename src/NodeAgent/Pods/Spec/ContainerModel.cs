using System.Text.Json;
using GitOps.Model.Quantities;

namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>One container (or init container) of a pod spec.</summary>
public sealed record ContainerModel
{
    public string Name { get; init; } = "";

    public string Image { get; init; } = "";

    public IReadOnlyList<string> Command { get; init; } = [];

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyList<EnvVarModel> Env { get; init; } = [];

    public string? WorkingDir { get; init; }

    public IReadOnlyList<ContainerPortModel> Ports { get; init; } = [];

    public ProbeModel? StartupProbe { get; init; }

    public ProbeModel? LivenessProbe { get; init; }

    public ProbeModel? ReadinessProbe { get; init; }

    public LifecycleModel? Lifecycle { get; init; }

    public ResourcesModel? Resources { get; init; }

    /// <summary>resources.limits.memory in bytes, or null without one (or with one that is not a quantity, which validation refuses).</summary>
    public long? MemoryLimitBytes =>
        Resources?.Limits.TryGetValue("memory", out var memory) == true
        && Quantity.TryParse(memory.ValueKind == JsonValueKind.String ? memory.GetString() : memory.GetRawText(), out var quantity) && !quantity.IsZero
            ? quantity.Value
            : null;
}
