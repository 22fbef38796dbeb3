using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GitOps.Model.Objects;

/// <summary>Serializes a <see cref="KubeObject"/> as its JSON tree, so objects cross grain and HTTP boundaries unchanged.</summary>
public sealed class KubeObjectJsonConverter : JsonConverter<KubeObject>
{
    public override KubeObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonNode.Parse(ref reader) is JsonObject root ? new KubeObject(root) : throw new JsonException("A Kubernetes object must be a JSON object.");

    public override void Write(Utf8JsonWriter writer, KubeObject value, JsonSerializerOptions options) =>
        value.Root.WriteTo(writer, options);
}
