using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Gateway.Auth.Rbac;

/// <summary>Reads a string field of a stored object that nothing validated: anything but a JSON string reads as null.</summary>
internal static class JsonStrings
{
    public static string? Of(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
