using System.Text.Json.Nodes;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>What the tests read off pod objects, as kubectl would show it.</summary>
public static class PodQueries
{
    public static bool IsLive(JsonObject pod) => pod["metadata"]?["deletionTimestamp"] is null;

    public static string Phase(JsonObject pod) => pod["status"]?["phase"]?.GetValue<string>() ?? "";

    public static string Node(JsonObject pod) => pod["spec"]?["nodeName"]?.GetValue<string>() ?? "";

    public static string Image(JsonObject pod) => pod["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() ?? "";

    public static int RestartCount(JsonObject pod) =>
        pod["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() ?? 0;

    public static IReadOnlyList<JsonObject> Running(IEnumerable<JsonObject> pods) =>
        pods.Where(p => IsLive(p) && Phase(p) == "Running").ToArray();

    public static string Describe(IEnumerable<JsonObject> pods) =>
        string.Join(", ", pods.Select(p =>
            $"{p["metadata"]?["name"]}({Phase(p)} on '{Node(p)}' {Image(p)}{(IsLive(p) ? "" : " terminating")})"));
}
