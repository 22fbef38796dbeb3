namespace GitOps.Model.Quantities;

/// <summary>Prints quantities in Kubernetes' canonical form: the largest suffix that keeps the mantissa an integer.</summary>
internal static class QuantityFormatter
{
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    public static string Format(decimal amount, QuantityFormat format)
    {
        if (amount == 0)
            return "0";
        if (format == QuantityFormat.BinarySI && (Math.Abs(amount) < 1024 || amount != decimal.Truncate(amount)))
            format = QuantityFormat.DecimalSI;

        if (format == QuantityFormat.BinarySI)
        {
            var index = 0;
            var mantissa = amount;
            while (index < BinarySuffixes.Length - 1 && mantissa % 1024m == 0)
            {
                mantissa /= 1024m;
                index++;
            }
            return Quantity.Invariant(decimal.Truncate(mantissa)) + BinarySuffixes[index];
        }

        // Find the largest exponent (a multiple of 3, from -9) with an integer mantissa.
        var (scaled, exponent) = ToNanoInteger(amount);
        while (exponent < 18 && scaled % 1000m == 0)
        {
            scaled /= 1000m;
            exponent += 3;
        }
        var digits = Quantity.Invariant(decimal.Truncate(scaled));
        if (format == QuantityFormat.DecimalExponent)
            return exponent == 0 ? digits : $"{digits}e{exponent}";
        return digits + exponent switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            _ => "E",
        };
    }

    // amount has at most nine decimals; scale it to an integer count of nano units unless that overflows decimal
    // (amounts that large carry no fraction: decimal's 28 digits are all in the integer part).
    private static (decimal Scaled, int Exponent) ToNanoInteger(decimal amount)
    {
        if (Math.Abs(amount) < decimal.MaxValue / 1_000_000_000m)
            return (decimal.Truncate(amount * 1_000_000_000m), -9);
        return (decimal.Truncate(amount), 0);
    }
}
