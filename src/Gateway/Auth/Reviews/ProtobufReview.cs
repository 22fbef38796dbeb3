using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Gateway.Auth.Reviews;

/// <summary>
/// Reads an access review kubectl sends as <c>application/vnd.kubernetes.protobuf</c> (its typed client does, with
/// no fallback to JSON): the <c>k8s\0</c> envelope (runtime.Unknown: typeMeta, raw) around the review, of which only
/// the spec is read. The answer goes back as JSON, which kubectl accepts.
/// </summary>
internal static class ProtobufReview
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly string[] ResourceAttributeFields = ["namespace", "verb", "group", "version", "resource", "subresource", "name"];
    private static readonly string[] NonResourceAttributeFields = ["path", "verb"];

    public static bool IsProtobuf(string? contentType) => contentType?.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The review as its JSON form (apiVersion, kind, spec), or null when the body is not a well-formed one.</summary>
    public static JsonObject? Read(byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual("k8s\0"u8))
            return null;
        var envelope = Fields(body.AsMemory(4));
        if (envelope is null)
            return null;
        var typeMeta = Fields(First(envelope, 1));
        var review = Fields(First(envelope, 2));
        if (typeMeta is null || review is null)
            return null;
        var kind = Text(typeMeta, 2);
        var spec = Fields(First(review, 2)) ?? [];
        var json = new JsonObject { ["apiVersion"] = Text(typeMeta, 1), ["kind"] = kind, ["metadata"] = new JsonObject() };
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
        json["spec"] = specJson;
        return json;
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

    private static ReadOnlyMemory<byte> First(List<(int Field, ReadOnlyMemory<byte> Value)> fields, int field)
    {
        foreach (var (number, value) in fields)
        {
            if (number == field)
                return value;
        }
        return ReadOnlyMemory<byte>.Empty;
    }

    private static string Text(List<(int Field, ReadOnlyMemory<byte> Value)> fields, int field) => Encoding.UTF8.GetString(First(fields, field).Span);

    // The length-delimited fields of one message; varint and fixed-size fields are skipped. Null when malformed.
    private static List<(int Field, ReadOnlyMemory<byte> Value)>? Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>)>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            if (!Varint(span, ref position, out var tag))
                return null;
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    if (!Varint(span, ref position, out _))
                        return null;
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    if (!Varint(span, ref position, out var length) || length > (ulong)(span.Length - position))
                        return null;
                    fields.Add((field, message.Slice(position, (int)length)));
                    position += (int)length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    return null;
            }
        }
        return position == span.Length ? fields : null;
    }

    private static bool Varint(ReadOnlySpan<byte> span, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < span.Length; shift += 7)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return true;
        }
        return false;
    }
}
