using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Store.Queries;

/// <summary>
/// The opaque continue token of a list: the snapshot resourceVersion of the first page and the key
/// of the last object returned, as base64url JSON (the shape the Kubernetes apiserver uses).
/// </summary>
internal sealed record ContinueToken(
    [property: JsonPropertyName("rv")] long ResourceVersion,
    [property: JsonPropertyName("ns")] string Namespace,
    [property: JsonPropertyName("name")] string Name)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The token, or null when <paramref name="text"/> is not one this store issued.</summary>
    public static ContinueToken? TryDecode(string text)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            var token = JsonSerializer.Deserialize<ContinueToken>(bytes);
            return token is { ResourceVersion: > 0, Namespace: not null, Name.Length: > 0 } ? token : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
