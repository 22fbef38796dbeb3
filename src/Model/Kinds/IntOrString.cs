using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GitOps.Model.Kinds;

/// <summary>A Kubernetes int-or-string value such as <c>maxSurge: 1</c> or <c>maxSurge: 25%</c>, or a named target port.</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int? intValue, string? stringValue)
    {
        IntValue = intValue ?? 0;
        StringValue = stringValue;
    }

    public static IntOrString FromInt(int value) => new(value, null);

    public static IntOrString FromString(string value) => new(null, value);

    public bool IsInt => StringValue is null;

    public int IntValue { get; }

    public string? StringValue { get; }

    public static implicit operator IntOrString(int value) => FromInt(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>Reads a JSON number or string; null for anything else.</summary>
    public static IntOrString? FromJson(JsonNode? node)
    {
        if (node is not JsonValue value)
            return null;
        if (value.TryGetValue<string>(out var s))
            return FromString(s);
        if (value.TryGetValue<int>(out var i))
            return FromInt(i);
        if (value.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue)
            return FromInt((int)l);
        if (value.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            return FromInt((int)d);
        return null;
    }

    public JsonNode ToJsonNode() => IsInt ? JsonValue.Create(IntValue) : JsonValue.Create(StringValue!);

    /// <summary>
    /// The absolute value against <paramref name="total"/>: an int as is, a percentage of the total rounded up or down
    /// (Kubernetes rounds maxSurge up and maxUnavailable down). Fails for a string that is not <c>N%</c>.
    /// </summary>
    public bool TryScaled(int total, bool roundUp, out int value, out string? error)
    {
        if (IsInt)
        {
            value = IntValue;
            error = null;
            return true;
        }
        var text = StringValue!;
        if (text.Length < 2 || text[^1] != '%'
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
        {
            value = 0;
            error = $"invalid value '{text}': must be an integer or a percentage (e.g. '25%')";
            return false;
        }
        var product = (long)percent * total;
        value = (int)(roundUp ? CeilDiv(product, 100) : FloorDiv(product, 100));
        error = null;
        return true;
    }

    /// <summary>As <see cref="TryScaled"/>, throwing <see cref="FormatException"/> for a malformed percentage (validate first).</summary>
    public int Scaled(int total, bool roundUp) =>
        TryScaled(total, roundUp, out var value, out var error) ? value : throw new FormatException(error);

    public override string ToString() => IsInt ? IntValue.ToString(CultureInfo.InvariantCulture) : StringValue!;

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : a / b;

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
