using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A node address: type InternalIP, ExternalIP, Hostname, InternalDNS or ExternalDNS.</summary>
public sealed record NodeAddress(string Type, string Address)
{
    public const string InternalIP = "InternalIP";
    public const string Hostname = "Hostname";

    public static NodeAddress FromJson(JsonObject node) => new(node.GetString("type") ?? "", node.GetString("address") ?? "");

    public JsonObject ToJson() => new() { ["type"] = Type, ["address"] = Address };
}
