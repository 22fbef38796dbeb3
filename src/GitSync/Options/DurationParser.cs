using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.GitSync.Options;

/// <summary>
/// Durations as Flux and Argo CD users write them ("30s", "1m", "1h30m", "500ms", "1.5h") and as
/// .NET writes them ("00:00:30").
/// </summary>
public static partial class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;

        var matches = Component().Matches(trimmed);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != trimmed.Length)
            return false;
        var total = 0.0;
        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            total += match.Groups["unit"].Value switch
            {
                "ms" => value,
                "s" => value * 1_000,
                "m" => value * 60_000,
                "h" => value * 3_600_000,
                _ => value * 86_400_000,
            };
        }
        // A number of days no clock reaches is refused, not an overflow.
        if (total >= TimeSpan.MaxValue.TotalMilliseconds)
            return false;
        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>The short form ("1h30m", "45s", "250ms") used when durations are shown.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
            return "0s";
        var text = "";
        if (duration.Days > 0)
            text += $"{duration.Days}d";
        if (duration.Hours > 0)
            text += $"{duration.Hours}h";
        if (duration.Minutes > 0)
            text += $"{duration.Minutes}m";
        if (duration.Seconds > 0)
            text += $"{duration.Seconds}s";
        if (duration.Milliseconds > 0)
            text += $"{duration.Milliseconds}ms";
        return text;
    }

    [GeneratedRegex(@"(?<value>[0-9]+(?:\.[0-9]+)?)(?<unit>ms|s|m|h|d)")]
    private static partial Regex Component();
}
