using System.Globalization;

namespace GitOps.NodeAgent.Pods.Status;

/// <summary>The time formats of the Kubernetes API: RFC 3339 seconds (Time) and microseconds (MicroTime).</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string FormatMicro(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
