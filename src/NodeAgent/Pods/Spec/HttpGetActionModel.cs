using System.Text.Json;

namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>An HTTP GET probe or hook. <see cref="Port"/> is a number or a named container port.</summary>
public sealed record HttpGetActionModel
{
    public string? Path { get; init; }

    public JsonElement Port { get; init; }

    public string? Host { get; init; }

    public string? Scheme { get; init; }
}
