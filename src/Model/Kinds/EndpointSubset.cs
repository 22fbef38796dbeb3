using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

public sealed record EndpointSubset(IReadOnlyList<EndpointAddress> Addresses, IReadOnlyList<EndpointAddress> NotReadyAddresses, IReadOnlyList<EndpointPort> Ports)
{
    public static EndpointSubset FromJson(JsonObject node) => new(
        node.GetObjects("addresses").Select(EndpointAddress.FromJson).ToArray(),
        node.GetObjects("notReadyAddresses").Select(EndpointAddress.FromJson).ToArray(),
        node.GetObjects("ports").Select(EndpointPort.FromJson).ToArray());

    public JsonObject ToJson()
    {
        var node = new JsonObject();
        node.SetObjects("addresses", Addresses.Select(a => a.ToJson()));
        node.SetObjects("notReadyAddresses", NotReadyAddresses.Select(a => a.ToJson()));
        node.SetObjects("ports", Ports.Select(p => p.ToJson()));
        return node;
    }
}
