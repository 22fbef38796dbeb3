using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A key of a ConfigMap or Secret (configMapKeyRef / secretKeyRef).</summary>
public sealed record KeyReference(string Name, string Key, bool Optional = false)
{
    public static KeyReference FromJson(JsonObject node) =>
        new(node.GetString("name") ?? "", node.GetString("key") ?? "", node.GetBool("optional") ?? false);

    public JsonObject ToJson()
    {
        var node = new JsonObject { ["name"] = Name, ["key"] = Key };
        if (Optional)
            node["optional"] = true;
        return node;
    }
}
