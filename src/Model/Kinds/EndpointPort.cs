using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

public sealed record EndpointPort(int Port, string? Name = null, string Protocol = "TCP")
{
    public static EndpointPort FromJson(JsonObject node) =>
        new(node.GetInt("port") ?? 0, node.GetString("name"), node.GetString("protocol") ?? "TCP");

    public JsonObject ToJson()
    {
        var node = new JsonObject();
        node.SetString("name", Name);
        node["port"] = Port;
        node["protocol"] = Protocol;
        return node;
    }
}
