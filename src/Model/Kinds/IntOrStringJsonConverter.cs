using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Model.Kinds;

/// <summary>Serializes an <see cref="IntOrString"/> as a JSON number or string, as Kubernetes does.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
        JsonTokenType.Number => IntOrString.FromInt(reader.GetInt32()),
        _ => throw new JsonException($"An int-or-string must be a number or a string, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IsInt)
            writer.WriteNumberValue(value.IntValue);
        else
            writer.WriteStringValue(value.StringValue);
    }
}
