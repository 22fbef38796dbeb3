using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Gateway.Auth;

/// <summary>
/// Reads the protobuf TokenRequest kubectl sends (<c>kubectl create token</c> uses the typed client, which speaks
/// <c>application/vnd.kubernetes.protobuf</c>): the "k8s\0" envelope (runtime.Unknown) around a TokenRequest whose spec
/// holds audiences (field 1), boundObjectRef (3) and expirationSeconds (4). The answer is the request as JSON, only the spec.
/// </summary>
internal static class TokenRequestProtobuf
{
    public static (JsonObject? Request, string? Error) Read(byte[] body)
    {
        if (ProtobufReader.KubernetesEnvelope(body) is not { } envelope)
            return (null, "the protobuf body does not start with the Kubernetes envelope (k8s\\0)");
        try
        {
            var raw = Field(envelope, 2) ?? ReadOnlyMemory<byte>.Empty;
            var spec = new JsonObject();
            if (Field(raw, 2) is { } specBytes)
            {
                var audiences = new JsonArray();
                var reader = new ProtobufReader(specBytes);
                while (reader.Next() is var (field, wireType) && field != 0)
                {
                    switch (field, wireType)
                    {
                        case (1, 2):
                            audiences.Add(Encoding.UTF8.GetString(reader.Bytes().Span));
                            break;
                        case (3, 2):
                            reader.Bytes();
                            spec["boundObjectRef"] = new JsonObject();
                            break;
                        case (4, 0):
                            spec["expirationSeconds"] = (long)reader.Varint();
                            break;
                        default:
                            reader.Skip(wireType);
                            break;
                    }
                }
                if (audiences.Count > 0)
                    spec["audiences"] = audiences;
            }
            return (new JsonObject { ["spec"] = spec }, null);
        }
        catch (FormatException e)
        {
            return (null, $"the protobuf TokenRequest cannot be read: {e.Message}");
        }
    }

    // The last length-delimited occurrence of a field of a message (later occurrences win in protobuf).
    private static ReadOnlyMemory<byte>? Field(ReadOnlyMemory<byte> message, int wanted)
    {
        ReadOnlyMemory<byte>? found = null;
        var reader = new ProtobufReader(message);
        while (reader.Next() is var (field, wireType) && field != 0)
        {
            if (field == wanted && wireType == 2)
                found = reader.Bytes();
            else
                reader.Skip(wireType);
        }
        return found;
    }
}
