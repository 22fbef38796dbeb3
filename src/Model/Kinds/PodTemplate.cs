using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a workload's <c>spec.template</c> (metadata and pod spec).</summary>
public sealed class PodTemplate(JsonObject node)
{
    public JsonObject Node { get; } = node;

    public ObjectMeta Metadata => new(Node.EnsureObject("metadata"));

    public PodSpec Spec => new(Node.EnsureObject("spec"));

    public IReadOnlyDictionary<string, string> Labels => Node.GetObject("metadata")?.GetStringMap("labels") ?? new Dictionary<string, string>();
}
