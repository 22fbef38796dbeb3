using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Resources;

/// <summary>Parses a request body that carries one object, as JSON or YAML, into a <see cref="KubeObject"/>.</summary>
internal static class ObjectBody
{
    public static (KubeObject? Object, KubeStatus? Error) Parse(string? contentType, byte[] body, long maxBytes)
    {
        if (RequestBody.IsYaml(contentType))
            return YamlBody.Parse(body, maxBytes);
        var (node, error) = RequestBody.ParseJson(body);
        if (error is not null)
            return (null, error);
        return node is JsonObject root
            ? (new KubeObject(root), null)
            : (null, KubeStatus.BadRequest("the request body must be a JSON object (a Kubernetes object with apiVersion, kind and metadata)"));
    }
}
