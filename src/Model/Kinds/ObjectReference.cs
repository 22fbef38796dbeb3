using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A reference to another object (Endpoints targetRef, Event involvedObject).</summary>
public sealed record ObjectReference(string Kind, string? Namespace, string Name, string? Uid = null, string? ApiVersion = null, string? ResourceVersion = null)
{
    public static ObjectReference FromJson(JsonObject node) => new(
        node.GetString("kind") ?? "", node.GetString("namespace"), node.GetString("name") ?? "",
        node.GetString("uid"), node.GetString("apiVersion"), node.GetString("resourceVersion"));

    public JsonObject ToJson()
    {
        var node = new JsonObject();
        node.SetString("apiVersion", ApiVersion);
        node["kind"] = Kind;
        node.SetString("namespace", Namespace);
        node["name"] = Name;
        node.SetString("uid", Uid);
        node.SetString("resourceVersion", ResourceVersion);
        return node;
    }
}
