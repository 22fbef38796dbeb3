using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>
/// Records, in <c>metadata.managedFields</c> (where Kubernetes' server-side apply records field
/// ownership, and which <c>kubectl get</c> hides), the label and annotation keys the last
/// ApplyDesired took from Git, so a key removed from Git is removed from the object while keys
/// others added stay.
/// </summary>
internal static class GitManagedFields
{
    public const string Manager = "gitops";

    public static (HashSet<string> Labels, HashSet<string> Annotations) Read(KubeObject obj)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var annotations = new HashSet<string>(StringComparer.Ordinal);
        if (Find(obj) is { } entry && entry["fieldsV1"]?["f:metadata"] is JsonObject metadata)
        {
            AddKeys(metadata["f:labels"], labels);
            AddKeys(metadata["f:annotations"], annotations);
        }
        return (labels, annotations);
    }

    /// <summary>Replaces the gitops entry when the key sets differ from the recorded ones (other managers' entries stay).</summary>
    public static void Write(KubeObject obj, IReadOnlyCollection<string> labels, IReadOnlyCollection<string> annotations, DateTimeOffset now)
    {
        var (previousLabels, previousAnnotations) = Read(obj);
        if (Find(obj) is not null && previousLabels.SetEquals(labels) && previousAnnotations.SetEquals(annotations))
            return;
        var entries = obj.Metadata.Node["managedFields"] as JsonArray ?? [];
        var kept = entries.Where(e => e is JsonObject o && o["manager"]?.GetValue<string>() != Manager).Select(e => e!.DeepClone()).ToList();
        kept.Add(new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = "Apply",
            ["apiVersion"] = obj.ApiVersion,
            ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = new JsonObject
            {
                ["f:metadata"] = new JsonObject
                {
                    ["f:labels"] = Keys(labels),
                    ["f:annotations"] = Keys(annotations),
                },
            },
        });
        obj.Metadata.Node["managedFields"] = new JsonArray([.. kept]);
    }

    private static JsonObject? Find(KubeObject obj) =>
        (obj.Metadata.Node["managedFields"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(e => e["manager"] is JsonValue m && m.TryGetValue<string>(out var name) && name == Manager);

    private static JsonObject Keys(IEnumerable<string> keys)
    {
        var node = new JsonObject();
        foreach (var key in keys.Order(StringComparer.Ordinal))
            node["f:" + key] = new JsonObject();
        return node;
    }

    private static void AddKeys(JsonNode? node, HashSet<string> into)
    {
        if (node is not JsonObject keys)
            return;
        foreach (var (name, _) in keys)
        {
            if (name.StartsWith("f:", StringComparison.Ordinal))
                into.Add(name[2..]);
        }
    }
}
