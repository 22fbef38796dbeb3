using System.Globalization;

namespace GitOps.Gateway.Tables;

/// <summary>Durations as kubectl prints them ("45s", "3m20s", "5h", "12d"), after k8s.io/apimachinery duration.HumanDuration.</summary>
internal static class Age
{
    public static string Since(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } t ? Format(now - t) : "<unknown>";

    public static string Format(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1)
            return "<invalid>";
        if (seconds < 0)
            return "0s";
        if (seconds < 120)
            return F("{0}s", seconds);
        var minutes = seconds / 60;
        if (minutes < 10)
            return seconds % 60 == 0 ? F("{0}m", minutes) : F("{0}m{1}s", minutes, seconds % 60);
        if (minutes < 180)
            return F("{0}m", minutes);
        var hours = minutes / 60;
        if (hours < 8)
            return minutes % 60 == 0 ? F("{0}h", hours) : F("{0}h{1}m", hours, minutes % 60);
        if (hours < 48)
            return F("{0}h", hours);
        if (hours < 24 * 8)
            return hours % 24 == 0 ? F("{0}d", hours / 24) : F("{0}d{1}h", hours / 24, hours % 24);
        if (hours < 24 * 365 * 2)
            return F("{0}d", hours / 24);
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? F("{0}y", hours / 24 / 365) : F("{0}y{1}d", hours / 24 / 365, days);
        }
        return F("{0}y", hours / 24 / 365);
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
