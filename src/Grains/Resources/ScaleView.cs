using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>
/// The scale subresource of an object with <c>spec.replicas</c> (deployments, replicasets,
/// statefulsets, replication controllers): an autoscaling/v1 Scale, as <c>kubectl scale</c> reads
/// and patches it.
/// </summary>
public static class ScaleView
{
    public static JsonObject Of(KubeObject obj)
    {
        var metadata = new JsonObject
        {
            ["name"] = obj.Metadata.Name,
            ["namespace"] = obj.Metadata.Namespace,
            ["uid"] = obj.Metadata.Uid,
            ["resourceVersion"] = obj.Metadata.ResourceVersion,
        };
        if (obj.Metadata.CreationTimestamp is { } created)
            metadata["creationTimestamp"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = obj.Spec?.GetLong("replicas") ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj.Status?.GetLong("replicas") ?? 0,
                ["selector"] = Selector(obj.Spec?["selector"] as JsonObject),
            },
        };
    }

    /// <summary>The selector as label-selector text (<c>app=web,tier=front</c>); empty without matchLabels.</summary>
    private static string Selector(JsonObject? selector)
    {
        var labels = selector?["matchLabels"] as JsonObject ?? (selector?["matchExpressions"] is null ? selector : null);
        return labels is null ? "" : string.Join(",", labels.Select(p => $"{p.Key}={(p.Value as JsonValue)?.ToString()}"));
    }
}
