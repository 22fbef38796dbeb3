using System.Text.Json;

namespace GitOps.NodeAgent.Pods.Spec;

public sealed record TcpSocketActionModel
{
    public JsonElement Port { get; init; }

    public string? Host { get; init; }
}
