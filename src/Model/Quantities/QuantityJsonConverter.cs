using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Model.Quantities;

/// <summary>Serializes a <see cref="Quantity"/> as its canonical string (<c>"500m"</c>); reads strings or numbers.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
            _ => throw new JsonException($"A quantity must be a string or a number, got {reader.TokenType}."),
        };
        return Quantity.TryParse(text, out var quantity, out var error) ? quantity : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
