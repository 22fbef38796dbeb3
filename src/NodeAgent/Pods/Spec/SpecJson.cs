using System.Text.Json;

namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>Serializer settings for reading Kubernetes JSON into the spec records (camelCase, unknown fields ignored).</summary>
internal static class SpecJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
