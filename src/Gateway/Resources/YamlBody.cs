using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Model.Objects;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Parses a YAML request body (application/yaml) holding one object into a JSON tree, with
/// YAML 1.2 core-schema scalars. Syntax errors give a 400 Status with line and column; aliases
/// are expanded under a node budget so an alias bomb is refused instead of exhausting memory.
/// </summary>
internal static class YamlBody
{
    private const int MaxNodes = 200_000;

    public static (KubeObject? Object, KubeStatus? Error) Parse(byte[] body)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(Encoding.UTF8.GetString(body));
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            return (null, KubeStatus.BadRequest($"the request body is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}"));
        }
        if (stream.Documents.Count != 1)
            return (null, KubeStatus.BadRequest($"the request body must hold exactly one YAML document, not {stream.Documents.Count}"));
        var budget = MaxNodes;
        var root = Convert(stream.Documents[0].RootNode, ref budget);
        if (budget < 0)
            return (null, KubeStatus.BadRequest($"the YAML body expands to more than {MaxNodes} nodes (through aliases); send the object without alias expansion"));
        return root is JsonObject obj
            ? (new KubeObject(obj), null)
            : (null, KubeStatus.BadRequest("the request body must be a YAML mapping (a Kubernetes object with apiVersion, kind and metadata)"));
    }

    private static JsonNode? Convert(YamlNode node, ref int budget)
    {
        if (--budget < 0)
            return null;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString();
                    obj[name] = Convert(value, ref budget);
                    if (budget < 0)
                        return null;
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, ref budget));
                    if (budget < 0)
                        return null;
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}
