using System.Text.Json.Nodes;

namespace GitOps.Model.Validation.Specs;

/// <summary>Port numbers, as kube-apiserver checks them.</summary>
internal static class PortRules
{
    public static void Require(JsonNode? port, string at, List<FieldError> errors)
    {
        if (port is null)
            errors.Add(new FieldError(at, "Required value: a port number between 1 and 65535"));
        else
            Check(port, at, errors);
    }

    public static void Check(JsonNode port, string at, List<FieldError> errors)
    {
        if (PodSpecRules.Integer(port) is not { } number || number is < 1 or > 65535)
            errors.Add(new FieldError(at, "must be between 1 and 65535, inclusive", port.ToJsonString()));
    }
}
