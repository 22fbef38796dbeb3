using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>Where an environment variable's value comes from; other sources (fieldRef, resourceFieldRef) are kept in <see cref="Raw"/>.</summary>
public sealed record EnvVarSource(KeyReference? ConfigMapKeyRef, KeyReference? SecretKeyRef, JsonObject? Raw = null)
{
    public static EnvVarSource FromJson(JsonObject node) => new(
        node.GetObject("configMapKeyRef") is { } cm ? KeyReference.FromJson(cm) : null,
        node.GetObject("secretKeyRef") is { } secret ? KeyReference.FromJson(secret) : null,
        node);

    public JsonObject ToJson()
    {
        var node = Raw?.DeepClone() as JsonObject ?? new JsonObject();
        if (ConfigMapKeyRef is not null)
            node["configMapKeyRef"] = ConfigMapKeyRef.ToJson();
        if (SecretKeyRef is not null)
            node["secretKeyRef"] = SecretKeyRef.ToJson();
        return node;
    }
}
