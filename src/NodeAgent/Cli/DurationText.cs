using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.NodeAgent.Cli;

/// <summary>Durations as people write them for Kubernetes tools: <c>500ms</c>, <c>10s</c>, <c>1m30s</c>, <c>1h</c>, or <c>00:00:30</c>.</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        if (text.Contains(':'))
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        if (text == "0")
            return true;
        var match = GoDuration().Match(text);
        if (!match.Success)
            return false;
        var milliseconds = 0.0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['h', 'm', 's', 'u', 'n', 'µ']);
            var amount = double.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
            milliseconds += part.Value[unitStart..] switch
            {
                "h" => amount * 3_600_000,
                "m" => amount * 60_000,
                "s" => amount * 1_000,
                "ms" => amount,
                _ => amount / 1_000,
            };
        }
        // A duration no clock reaches is refused, not an overflow.
        if (milliseconds >= TimeSpan.MaxValue.TotalMilliseconds)
            return false;
        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?(h|ms|m|s|us|µs))+$")]
    private static partial Regex GoDuration();
}
