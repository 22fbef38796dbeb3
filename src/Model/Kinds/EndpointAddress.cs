using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

public sealed record EndpointAddress(string Ip, string? Hostname = null, string? NodeName = null, ObjectReference? TargetRef = null)
{
    public static EndpointAddress FromJson(JsonObject node) => new(
        node.GetString("ip") ?? "", node.GetString("hostname"), node.GetString("nodeName"),
        node.GetObject("targetRef") is { } target ? ObjectReference.FromJson(target) : null);

    public JsonObject ToJson()
    {
        var node = new JsonObject { ["ip"] = Ip };
        node.SetString("hostname", Hostname);
        node.SetString("nodeName", NodeName);
        if (TargetRef is not null)
            node["targetRef"] = TargetRef.ToJson();
        return node;
    }
}
