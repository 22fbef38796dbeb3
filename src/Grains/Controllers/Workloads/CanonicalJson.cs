using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Grains.Controllers.Workloads;

/// <summary>
/// A canonical text form of a JSON tree (object keys sorted ordinally, numbers normalised, fields
/// set to null left out as Kubernetes reads them: absent), so two templates that differ only in key
/// order, number spelling or an explicit null (kubectl rollout undo sends
/// <c>creationTimestamp: null</c>) compare and hash the same.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                        builder.Append(',');
                    first = false;
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Append(builder, value);
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        builder.Append(',');
                    Append(builder, array[i]);
                }
                builder.Append(']');
                break;
            case JsonValue value:
                AppendValue(builder, value);
                break;
        }
    }

    private static void AppendValue(StringBuilder builder, JsonValue value)
    {
        var element = JsonSerializer.SerializeToElement(value);
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                builder.Append(integer.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.Number:
                builder.Append(element.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }
}
