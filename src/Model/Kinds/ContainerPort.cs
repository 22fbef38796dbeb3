using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

public sealed record ContainerPort(int Port, string? Name = null, string Protocol = "TCP", int? HostPort = null)
{
    public static ContainerPort FromJson(JsonObject node) => new(
        node.GetInt("containerPort") ?? 0, node.GetString("name"), node.GetString("protocol") ?? "TCP", node.GetInt("hostPort"));

    public JsonObject ToJson()
    {
        var node = new JsonObject();
        node.SetString("name", Name);
        node["containerPort"] = Port;
        node["protocol"] = Protocol;
        node.SetInt("hostPort", HostPort);
        return node;
    }
}
