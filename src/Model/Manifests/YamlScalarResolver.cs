using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Model.Manifests;

/// <summary>
/// Types plain YAML scalars by the YAML 1.2 core schema: null/~/empty, true/false, integers (decimal, 0o octal,
/// 0x hex) and floats become JSON values; everything else stays a string. Numbers keep their exact digits.
/// </summary>
internal static class YamlScalarResolver
{
    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    public static bool? AsBool(string text) => text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    /// <summary>The JSON value of a plain scalar; a string node when the core schema does not type it.</summary>
    public static JsonNode? Resolve(string text)
    {
        if (text.Length == 0 || IsNull(text))
            return null;
        var first = text[0];
        if (first is 't' or 'T' or 'f' or 'F' && AsBool(text) is { } b)
            return JsonValue.Create(b);
        if (char.IsAsciiDigit(first) || first is '-' or '+' or '.')
        {
            if (TryNumber(text, out var number))
                return number;
        }
        return JsonValue.Create(text);
    }

    /// <summary>True when the core schema would read this text as something other than a string (so a writer must quote it).</summary>
    public static bool IsTyped(string text) => IsNull(text) || AsBool(text) is not null || TryNumber(text, out _) || IsSpecialFloat(text);

    private static bool IsSpecialFloat(string text) =>
        text is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN";

    public static bool TryNumber(string text, out JsonNode? number)
    {
        if (!TryNumberText(text, out var json, out var asLong))
        {
            number = null;
            return false;
        }
        number = asLong is { } l ? JsonValue.Create(l) : FromJsonText(json);
        return true;
    }

    /// <summary>The JSON text of a core-schema number (<c>+5</c> is <c>5</c>, <c>0x1F</c> is <c>31</c>, <c>.5</c> is <c>0.5</c>), digits kept exact.</summary>
    public static bool TryNumberText(string text, out string json, out long? asLong)
    {
        json = "";
        asLong = null;
        if (text.Length == 0)
            return false;
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x'))
            return TryRadix(text, out json, out asLong);
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        var negative = false;
        if (text[i] is '-' or '+')
        {
            negative = text[i] == '-';
            i++;
        }
        var intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
        var intDigits = text.AsSpan(intStart, i - intStart);
        var fraction = ReadOnlySpan<char>.Empty;
        var hasDot = false;
        if (i < text.Length && text[i] == '.')
        {
            hasDot = true;
            i++;
            var fracStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            fraction = text.AsSpan(fracStart, i - fracStart);
        }
        if (intDigits.IsEmpty && fraction.IsEmpty)
            return false;
        var exponent = ReadOnlySpan<char>.Empty;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var expStart = i + 1;
            i++;
            if (i < text.Length && text[i] is '-' or '+')
                i++;
            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            if (i == digitsStart)
                return false;
            exponent = text.AsSpan(expStart, i - expStart);
        }
        if (i != text.Length)
            return false;

        if (!hasDot && exponent.IsEmpty && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            asLong = l;
            json = text[0] == '+' || (text.Length > 1 && text[negative ? 1 : 0] == '0') ? l.ToString(CultureInfo.InvariantCulture) : text;
            return true;
        }
        var trimmedInt = intDigits.TrimStart('0');
        json = string.Concat(negative ? "-" : "", trimmedInt.IsEmpty ? "0" : trimmedInt,
            fraction.IsEmpty ? "" : "." + fraction.ToString(),
            exponent.IsEmpty ? "" : "e" + exponent.ToString());
        return true;
    }

    private static bool TryRadix(string text, out string json, out long? asLong)
    {
        json = "";
        asLong = null;
        var radix = text[1] == 'o' ? 8 : 16;
        BigInteger value = 0;
        foreach (var c in text.AsSpan(2))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigitLower(c) ? c - 'a' + 10 : char.IsAsciiHexDigitUpper(c) ? c - 'A' + 10 : 99;
            if (digit >= radix)
                return false;
            value = value * radix + digit;
        }
        if (value <= long.MaxValue)
            asLong = (long)value;
        json = value.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static JsonNode FromJsonText(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonValue.Create(document.RootElement.Clone())!;
    }
}
