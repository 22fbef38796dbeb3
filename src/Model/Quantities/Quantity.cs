using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GitOps.Model.Quantities;

/// <summary>
/// A Kubernetes resource quantity (<c>250m</c>, <c>1.5</c>, <c>128Mi</c>, <c>1G</c>, <c>1e3</c>) held exactly as a
/// decimal rounded up to nano precision, as Kubernetes does. Equality and ordering compare amounts, so
/// <c>0.1</c> equals <c>100m</c>; the format only decides how <see cref="ToString"/> prints it.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private const int NanoScale = 9;

    public Quantity(decimal amount, QuantityFormat format = QuantityFormat.DecimalSI)
    {
        Amount = RoundUpToNano(amount);
        Format = format;
    }

    public static Quantity Zero => default;

    /// <summary>The exact amount in base units (cores, bytes, ...).</summary>
    public decimal Amount { get; }

    public QuantityFormat Format { get; }

    public bool IsZero => Amount == 0;

    /// <summary>The amount in thousandths, rounded up (away from zero) as Kubernetes' MilliValue does.</summary>
    public long MilliValue => CeilingToLong(Amount * 1000m);

    /// <summary>The amount in whole units, rounded up (away from zero) as Kubernetes' Value does.</summary>
    public long Value => CeilingToLong(Amount);

    public static Quantity FromMilli(long milli) => new(milli / 1000m);

    public static Quantity FromUnits(long units, QuantityFormat format = QuantityFormat.DecimalSI) => new(units, format);

    /// <summary>Parses a quantity; throws <see cref="FormatException"/> for bad text. Use <see cref="TryParse(string?, out Quantity, out string?)"/> for user input.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    public static bool TryParse(string? text, out Quantity quantity) => TryParse(text, out quantity, out _);

    public static bool TryParse(string? text, out Quantity quantity, out string? error) =>
        QuantityParser.TryParse(text, out quantity, out error);

    /// <summary>Reads a quantity from a JSON value: a string (<c>"250m"</c>) or a number (<c>2</c>).</summary>
    public static bool TryParse(JsonNode? node, out Quantity quantity, out string? error)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue<string>(out var s))
                return TryParse(s, out quantity, out error);
            return TryParse(value.ToJsonString(), out quantity, out error);
        }
        quantity = default;
        error = $"quantity must be a string or a number, got {node?.ToJsonString() ?? "null"}";
        return false;
    }

    public Quantity Add(Quantity other) => new(Amount + other.Amount, Format);

    public Quantity Subtract(Quantity other) => new(Amount - other.Amount, Format);

    public Quantity Negate() => new(-Amount, Format);

    public static Quantity operator +(Quantity left, Quantity right) => left.Add(right);

    public static Quantity operator -(Quantity left, Quantity right) => left.Subtract(right);

    public int CompareTo(Quantity other) => Amount.CompareTo(other.Amount);

    public static int Compare(Quantity left, Quantity right) => left.CompareTo(right);

    public static Quantity Max(Quantity left, Quantity right) => left.CompareTo(right) >= 0 ? left : right;

    public static Quantity Min(Quantity left, Quantity right) => left.CompareTo(right) <= 0 ? left : right;

    public bool Equals(Quantity other) => Amount == other.Amount;

    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    public override int GetHashCode() => Amount.GetHashCode();

    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The canonical form Kubernetes prints: <c>1500m</c> for 1.5, <c>128Mi</c>, <c>1k</c>, <c>1e3</c>.</summary>
    public override string ToString() => QuantityFormatter.Format(Amount, Format);

    public JsonNode ToJsonNode() => JsonValue.Create(ToString());

    // Kubernetes keeps at most nano precision and rounds finer amounts up (away from zero).
    private static decimal RoundUpToNano(decimal amount)
    {
        if (amount.Scale <= NanoScale)
            return amount;
        var truncated = decimal.Truncate(amount * 1_000_000_000m) / 1_000_000_000m;
        return truncated == amount ? truncated : truncated + (amount > 0 ? 0.000000001m : -0.000000001m);
    }

    private static long CeilingToLong(decimal value)
    {
        var rounded = value >= 0 ? decimal.Ceiling(value) : decimal.Floor(value);
        return rounded > long.MaxValue ? long.MaxValue : rounded < long.MinValue ? long.MinValue : (long)rounded;
    }

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
