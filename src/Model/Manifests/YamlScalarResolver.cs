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
        number = null;
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x'))
            return TryRadix(text, out number);
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
        var intDigits = text[intStart..i];
        var fraction = "";
        var hasDot = false;
        if (i < text.Length && text[i] == '.')
        {
            hasDot = true;
            i++;
            var fracStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            fraction = text[fracStart..i];
        }
        if (intDigits.Length == 0 && fraction.Length == 0)
            return false;
        var exponent = "";
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
            exponent = text[expStart..i];
        }
        if (i != text.Length)
            return false;

        var trimmedInt = intDigits.TrimStart('0');
        if (!hasDot && exponent.Length == 0)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                number = JsonValue.Create(l);
                return true;
            }
            number = FromJsonText((negative ? "-" : "") + (trimmedInt.Length == 0 ? "0" : trimmedInt));
            return true;
        }
        var json = (negative ? "-" : "") + (trimmedInt.Length == 0 ? "0" : trimmedInt)
            + (fraction.Length > 0 ? "." + fraction : "")
            + (exponent.Length > 0 ? "e" + exponent : "");
        number = FromJsonText(json);
        return true;
    }

    private static bool TryRadix(string text, out JsonNode? number)
    {
        number = null;
        var radix = text[1] == 'o' ? 8 : 16;
        BigInteger value = 0;
        foreach (var c in text.AsSpan(2))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigitLower(c) ? c - 'a' + 10 : char.IsAsciiHexDigitUpper(c) ? c - 'A' + 10 : 99;
            if (digit >= radix)
                return false;
            value = value * radix + digit;
        }
        number = value <= long.MaxValue ? JsonValue.Create((long)value) : FromJsonText(value.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    private static JsonNode FromJsonText(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonValue.Create(document.RootElement.Clone())!;
    }
}
