using System.Text;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Model.Yaml;

/// <summary>
/// Writes objects as readable block-style YAML (the layout kubectl prints). Strings that would read back as another
/// type are quoted, multi-line strings use literal blocks, so <see cref="Manifests.ManifestReader"/> gives back an equal JSON tree.
/// </summary>
public static class KubeObjectYaml
{
    private const int IndentStep = 2;

    public static string Write(KubeObject obj) => Write(obj.Root);

    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        switch (node)
        {
            case JsonObject { Count: > 0 } map:
                WriteMapping(builder, map, 0, firstInline: false);
                break;
            case JsonArray { Count: > 0 } list:
                WriteSequence(builder, list, 0, firstInline: false);
                break;
            default:
                WriteScalar(builder, node, 0);
                break;
        }
        return builder.ToString();
    }

    /// <summary>Several objects as one multi-document stream separated by <c>---</c>.</summary>
    public static string WriteAll(IEnumerable<KubeObject> objects) => string.Join("---\n", objects.Select(Write));

    /// <summary>Structural equality of two JSON trees (numbers compare by value, object key order is ignored).</summary>
    public static bool TreesEqual(JsonNode? left, JsonNode? right) => JsonNode.DeepEquals(left, right);

    private static void WriteMapping(StringBuilder builder, JsonObject map, int indent, bool firstInline)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!first || !firstInline)
                builder.Append(' ', indent);
            first = false;
            builder.Append(YamlScalarStyle.CanBePlain(key) ? key : YamlScalarStyle.DoubleQuoted(key)).Append(':');
            switch (value)
            {
                case JsonObject { Count: > 0 } child:
                    builder.Append('\n');
                    WriteMapping(builder, child, indent + IndentStep, firstInline: false);
                    break;
                case JsonArray { Count: > 0 } list:
                    builder.Append('\n');
                    WriteSequence(builder, list, indent, firstInline: false);
                    break;
                default:
                    builder.Append(' ');
                    WriteScalar(builder, value, indent + IndentStep);
                    break;
            }
        }
    }

    private static void WriteSequence(StringBuilder builder, JsonArray list, int indent, bool firstInline)
    {
        var first = true;
        foreach (var item in list)
        {
            if (!first || !firstInline)
                builder.Append(' ', indent);
            first = false;
            builder.Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } map:
                    WriteMapping(builder, map, indent + IndentStep, firstInline: true);
                    break;
                case JsonArray { Count: > 0 } nested:
                    WriteSequence(builder, nested, indent + IndentStep, firstInline: true);
                    break;
                default:
                    WriteScalar(builder, item, indent + IndentStep);
                    break;
            }
        }
    }

    // Writes a scalar (or an empty collection) and ends the line; literal block lines are indented by blockIndent.
    private static void WriteScalar(StringBuilder builder, JsonNode? node, int blockIndent)
    {
        switch (node)
        {
            case null:
                builder.Append("null\n");
                return;
            case JsonObject:
                builder.Append("{}\n");
                return;
            case JsonArray:
                builder.Append("[]\n");
                return;
        }
        var value = (JsonValue)node;
        if (!value.TryGetValue<string>(out var text))
        {
            builder.Append(value.ToJsonString()).Append('\n');
            return;
        }
        if (YamlScalarStyle.CanBePlain(text))
        {
            builder.Append(text).Append('\n');
            return;
        }
        if (YamlScalarStyle.CanBeLiteral(text))
        {
            builder.Append(text.EndsWith('\n') ? "|\n" : "|-\n");
            foreach (var line in text.TrimEnd('\n').Split('\n'))
            {
                if (line.Length > 0)
                    builder.Append(' ', blockIndent).Append(line);
                builder.Append('\n');
            }
            return;
        }
        builder.Append(YamlScalarStyle.DoubleQuoted(text)).Append('\n');
    }
}
