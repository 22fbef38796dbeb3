using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;

namespace GitOps.NodeAgent.Tests.Api;

/// <summary>Objects the agent tests create through the API, and reads of what the agent wrote.</summary>
internal static class ApiObjects
{
    public static KubeObject Pod(string name, string nodeName, string specJson)
    {
        var pod = new KubeObject("v1", "Pod", "default", name);
        var spec = JsonNode.Parse(specJson)!.AsObject();
        spec["nodeName"] = nodeName;
        pod.Spec = spec;
        return pod;
    }

    public static async Task<KubeObject> CreateAsync(this KubeClient client, KubeObject obj, ResourcePath collection)
    {
        var result = await client.CreateAsync(collection, obj, CancellationToken.None);
        return result.Required($"creating {obj}");
    }

    public static async Task<KubeObject?> GetOrNullAsync(this KubeClient client, ResourcePath path)
    {
        var result = await client.GetAsync(path, CancellationToken.None);
        return result.IsSuccess ? result.Object : null;
    }

    /// <summary>Waits until the pod at <paramref name="path"/> is in <paramref name="phase"/>, failing after Eventually's limit.</summary>
    public static Task<KubeObject> WaitForPhaseAsync(this KubeClient client, ResourcePath path, string phase) =>
        Eventually.GetAsync(async () => await client.GetOrNullAsync(path) is { } pod && pod.Phase() == phase ? pod : null, $"{path.ToUrlPath()} {phase}");

    public static string? Phase(this KubeObject pod) => pod.Status?["phase"]?.GetValue<string>();

    public static string? Condition(this KubeObject obj, string type) =>
        (obj.Status?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => c["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();

    public static JsonObject? Container(this KubeObject pod, int index = 0) =>
        (pod.Status?["containerStatuses"] as JsonArray)?[index] as JsonObject;

    public static int RestartCount(this KubeObject pod) => pod.Container()?["restartCount"]?.GetValue<int>() ?? 0;
}
