using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

public sealed record ServicePort(int Port, string? Name = null, string Protocol = "TCP", IntOrString? TargetPort = null, int? NodePort = null)
{
    public static ServicePort FromJson(JsonObject node) => new(
        node.GetInt("port") ?? 0, node.GetString("name"), node.GetString("protocol") ?? "TCP",
        IntOrString.FromJson(node["targetPort"]), node.GetInt("nodePort"));

    public JsonObject ToJson()
    {
        var node = new JsonObject();
        node.SetString("name", Name);
        node["port"] = Port;
        node["protocol"] = Protocol;
        if (TargetPort is { } target)
            node["targetPort"] = target.ToJsonNode();
        node.SetInt("nodePort", NodePort);
        return node;
    }

    /// <summary>The target port, defaulting to <see cref="Port"/> as Kubernetes does.</summary>
    public IntOrString EffectiveTargetPort => TargetPort ?? IntOrString.FromInt(Port);
}
