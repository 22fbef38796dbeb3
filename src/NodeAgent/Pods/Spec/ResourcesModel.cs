using System.Text.Json;

namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>A container's resources: its limits as written (quantities as strings or numbers).</summary>
public sealed record ResourcesModel
{
    public IReadOnlyDictionary<string, JsonElement> Limits { get; init; } = new Dictionary<string, JsonElement>();
}
