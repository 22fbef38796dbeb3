using System.Text.Json.Serialization;

namespace GitOps.Gateway.Discovery;

/// <summary>The <c>/version</c> document; the Kubernetes version is the API level this server speaks.</summary>
public sealed record VersionInfo(
    [property: JsonPropertyName("major")] string Major,
    [property: JsonPropertyName("minor")] string Minor,
    [property: JsonPropertyName("gitVersion")] string GitVersion,
    [property: JsonPropertyName("gitCommit")] string GitCommit,
    [property: JsonPropertyName("gitTreeState")] string GitTreeState,
    [property: JsonPropertyName("buildDate")] string BuildDate,
    [property: JsonPropertyName("goVersion")] string GoVersion,
    [property: JsonPropertyName("compiler")] string Compiler,
    [property: JsonPropertyName("platform")] string Platform)
{
    public static VersionInfo Current { get; } = new(
        "1", "32", "v1.32.0-gitops", typeof(VersionInfo).Assembly.GetName().Version?.ToString() ?? "unknown",
        "clean", "1970-01-01T00:00:00Z", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        "dotnet", $"{(OperatingSystem.IsLinux() ? "linux" : "other")}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}");
}
