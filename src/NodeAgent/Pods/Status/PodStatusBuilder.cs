using System.Text.Json.Nodes;

namespace GitOps.NodeAgent.Pods.Status;

/// <summary>
/// Builds a pod's <c>status</c> JSON from a snapshot: phase, the four kubelet conditions
/// (PodScheduled, Initialized, ContainersReady, Ready) with lastTransitionTime kept per pod,
/// IPs, startTime and container statuses. One instance per pod, not thread-safe.
/// </summary>
public sealed class PodStatusBuilder
{
    private readonly Dictionary<string, (bool Status, DateTimeOffset Since)> _conditions = new(StringComparer.Ordinal);

    public JsonObject Build(PodStatusSnapshot snapshot, DateTimeOffset now)
    {
        var ready = snapshot.ContainersReady && snapshot.Phase == PodStatusSnapshot.Running;
        var conditions = new JsonArray
        {
            Condition("PodScheduled", true, now, null),
            Condition("Initialized", snapshot.Initialized, now, snapshot.Initialized ? null : "ContainersNotInitialized"),
            Condition("ContainersReady", snapshot.ContainersReady, now, snapshot.ContainersReady ? null : "ContainersNotReady"),
            Condition("Ready", ready, now, ready ? null : snapshot.IsTerminal ? "PodCompleted" : "ContainersNotReady"),
        };
        var status = new JsonObject
        {
            ["phase"] = snapshot.Phase,
            ["conditions"] = conditions,
            ["hostIP"] = snapshot.HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = snapshot.HostIp }),
            ["startTime"] = Timestamps.Format(snapshot.StartTime),
            ["qosClass"] = "BestEffort",
            ["containerStatuses"] = new JsonArray(snapshot.ContainerStatuses.Select(c => (JsonNode)c.ToJson()).ToArray()),
        };
        if (snapshot.PodIp is not null)
        {
            status["podIP"] = snapshot.PodIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = snapshot.PodIp });
        }
        if (snapshot.InitContainerStatuses.Count > 0)
            status["initContainerStatuses"] = new JsonArray(snapshot.InitContainerStatuses.Select(c => (JsonNode)c.ToJson()).ToArray());
        // A merge patch only removes a field set to null: clear a reason/message from an earlier status.
        status["reason"] = snapshot.Reason;
        status["message"] = snapshot.Message;
        return status;
    }

    private JsonObject Condition(string type, bool value, DateTimeOffset now, string? reason)
    {
        if (!_conditions.TryGetValue(type, out var previous) || previous.Status != value)
        {
            previous = (value, now);
            _conditions[type] = previous;
        }
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value ? "True" : "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = Timestamps.Format(previous.Since),
        };
        if (reason is not null)
            condition["reason"] = reason;
        return condition;
    }
}
