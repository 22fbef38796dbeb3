namespace GitOps.Model.Quantities;

/// <summary>Parses Kubernetes quantity text: <c>[+-]digits[.digits][suffix]</c> where the suffix is an SI or binary suffix or an exponent.</summary>
internal static class QuantityParser
{
    private const int MaxExponent = 27;

    public static bool TryParse(string? text, out Quantity quantity, out string? error)
    {
        quantity = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "quantity is empty; expected a number with an optional suffix such as '250m', '1.5', '128Mi' or '1G'";
            return false;
        }

        var span = text.AsSpan();
        var end = 0;
        if (end < span.Length && (span[end] == '+' || span[end] == '-'))
            end++;
        var digitsStart = end;
        var sawDot = false;
        var digitCount = 0;
        while (end < span.Length && (char.IsAsciiDigit(span[end]) || (span[end] == '.' && !sawDot)))
        {
            if (span[end] == '.')
                sawDot = true;
            else
                digitCount++;
            end++;
        }
        if (digitCount == 0)
        {
            error = Bad(text, "it must start with a number");
            return false;
        }

        var numberText = text[..end];
        var suffix = span[end..];
        if (!TryScale(suffix, out var multiplier, out var exponent, out var format))
        {
            error = Bad(text, $"'{suffix}' is not a quantity suffix (use n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)");
            return false;
        }

        try
        {
            var mantissa = decimal.Parse(numberText.Length > digitsStart && numberText[^1] == '.' ? numberText + "0" : numberText,
                System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture);
            var amount = mantissa * multiplier;
            if (exponent != 0)
                amount = exponent > 0 ? amount * Pow10(exponent) : amount / Pow10(-exponent);
            quantity = new Quantity(amount, format);
            error = null;
            return true;
        }
        catch (OverflowException)
        {
            error = Bad(text, "it is out of range");
            return false;
        }
    }

    private static bool TryScale(ReadOnlySpan<char> suffix, out decimal multiplier, out int exponent, out QuantityFormat format)
    {
        exponent = 0;
        format = QuantityFormat.DecimalSI;
        multiplier = 1m;
        switch (suffix)
        {
            case "": return true;
            case "n": exponent = -9; return true;
            case "u": exponent = -6; return true;
            case "m": exponent = -3; return true;
            case "k": exponent = 3; return true;
            case "M": exponent = 6; return true;
            case "G": exponent = 9; return true;
            case "T": exponent = 12; return true;
            case "P": exponent = 15; return true;
            case "E": exponent = 18; return true;
        }
        if (suffix.Length == 2 && suffix[1] == 'i')
        {
            var power = "KMGTPE".IndexOf(suffix[0]);
            if (power < 0)
                return false;
            format = QuantityFormat.BinarySI;
            multiplier = 1;
            for (var i = 0; i <= power; i++)
                multiplier *= 1024m;
            return true;
        }
        if (suffix.Length >= 2 && (suffix[0] == 'e' || suffix[0] == 'E'))
        {
            var digits = suffix[1..];
            var negative = false;
            if (digits[0] == '+' || digits[0] == '-')
            {
                negative = digits[0] == '-';
                digits = digits[1..];
            }
            if (digits.IsEmpty || digits.Length > 3)
                return false;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                    return false;
            }
            var value = int.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (value > MaxExponent + 9)
                return false;
            exponent = negative ? -value : value;
            format = QuantityFormat.DecimalExponent;
            return true;
        }
        return false;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
            result *= 10m;
        return result;
    }

    private static string Bad(string text, string reason) => $"quantity '{text}' is invalid: {reason}";
}
