using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Gateway.Auth.Reviews;

/// <summary>
/// Reads an access review kubectl sends as <c>application/vnd.kubernetes.protobuf</c> (its typed client does, with
/// no fallback to JSON): the <c>k8s\0</c> envelope (runtime.Unknown: typeMeta 1, raw 2) around the review, of which
/// only the spec is read. The answer goes back as JSON, which kubectl accepts.
/// </summary>
internal static class ProtobufReview
{
    private static readonly string[] ResourceAttributeFields = ["namespace", "verb", "group", "version", "resource", "subresource", "name"];
    private static readonly string[] NonResourceAttributeFields = ["path", "verb"];

    /// <summary>The review as its JSON form (apiVersion, kind, spec), or null when the body is not a well-formed one.</summary>
    public static JsonObject? Read(byte[] body)
    {
        if (ProtobufReader.KubernetesEnvelope(body) is not { } message)
            return null;
        try
        {
            var envelope = Fields(message);
            var typeMeta = Fields(First(envelope, 1));
            var spec = Fields(First(Fields(First(envelope, 2)), 2));
            var kind = Text(typeMeta, 2);
            var specJson = new JsonObject();
            if (kind == "SelfSubjectRulesReview")
            {
                specJson["namespace"] = Text(spec, 1);
            }
            else
            {
                // Some kubectl versions send an empty message for the attributes they do not use: it counts as absent.
                if (Fields(First(spec, 1)) is { Count: > 0 } resource)
                    specJson["resourceAttributes"] = Named(resource, ResourceAttributeFields);
                if (Fields(First(spec, 2)) is { Count: > 0 } nonResource)
                    specJson["nonResourceAttributes"] = Named(nonResource, NonResourceAttributeFields);
            }
            return new JsonObject { ["apiVersion"] = Text(typeMeta, 1), ["kind"] = kind, ["metadata"] = new JsonObject(), ["spec"] = specJson };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static JsonObject Named(List<(int Field, ReadOnlyMemory<byte> Value)> fields, string[] names)
    {
        var json = new JsonObject();
        for (var i = 0; i < names.Length; i++)
        {
            if (Text(fields, i + 1) is { Length: > 0 } value)
                json[names[i]] = value;
        }
        return json;
    }

    private static ReadOnlyMemory<byte> First(List<(int Field, ReadOnlyMemory<byte> Value)> fields, int field) =>
        fields.FirstOrDefault(f => f.Field == field).Value;

    private static string Text(List<(int Field, ReadOnlyMemory<byte> Value)> fields, int field) => Encoding.UTF8.GetString(First(fields, field).Span);

    // The length-delimited fields of one message; varint and fixed-size fields are skipped.
    private static List<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>)>();
        var reader = new ProtobufReader(message);
        while (reader.Next() is var (field, wireType) && field != 0)
        {
            if (wireType == 2)
                fields.Add((field, reader.Bytes()));
            else
                reader.Skip(wireType);
        }
        return fields;
    }
}
