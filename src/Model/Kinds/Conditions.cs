using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>Reads and writes <c>status.conditions</c> in place, keeping fields of each entry this code does not know.</summary>
public static class Conditions
{
    public static IReadOnlyList<Condition> Read(JsonObject? status) =>
        status is null ? [] : status.GetObjects("conditions").Select(ReadOne).ToArray();

    public static Condition? Get(JsonObject? status, string type) =>
        status?.GetObjects("conditions").Where(c => c.GetString("type") == type).Select(ReadOne).FirstOrDefault();

    /// <summary>
    /// Sets the condition of <paramref name="condition"/>'s type. lastTransitionTime changes to <paramref name="now"/>
    /// only when the status changes (or the condition is new); heartbeat/update/probe times are written as given.
    /// Returns true when anything changed.
    /// </summary>
    public static bool Set(JsonObject status, Condition condition, DateTimeOffset now)
    {
        var array = status["conditions"] as JsonArray;
        if (array is null)
        {
            array = [];
            status["conditions"] = array;
        }
        var entry = array.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == condition.Type);
        var before = entry?.ToJsonString();
        if (entry is null)
        {
            entry = new JsonObject { ["type"] = condition.Type };
            array.Add(entry);
        }
        var statusChanged = entry.GetString("status") != condition.Status || entry["lastTransitionTime"] is null;
        entry["status"] = condition.Status;
        SetOptional(entry, "reason", condition.Reason);
        SetOptional(entry, "message", condition.Message);
        if (statusChanged)
            entry.SetTime("lastTransitionTime", condition.LastTransitionTime ?? now);
        if (condition.LastUpdateTime is { } update)
            entry.SetTime("lastUpdateTime", update);
        if (condition.LastHeartbeatTime is { } heartbeat)
            entry.SetTime("lastHeartbeatTime", heartbeat);
        if (condition.LastProbeTime is { } probe)
            entry.SetTime("lastProbeTime", probe);
        if (condition.ObservedGeneration is { } generation)
            entry.SetLong("observedGeneration", generation);
        return before != entry.ToJsonString();
    }

    public static bool Remove(JsonObject status, string type)
    {
        if (status["conditions"] is not JsonArray array)
            return false;
        var entry = array.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);
        return entry is not null && array.Remove(entry);
    }

    private static void SetOptional(JsonObject entry, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
            entry.Remove(key);
        else
            entry[key] = value;
    }

    private static Condition ReadOne(JsonObject c) => new(
        c.GetString("type") ?? "",
        c.GetString("status") ?? ConditionStatus.Unknown,
        c.GetString("reason"),
        c.GetString("message"),
        c.GetTime("lastTransitionTime"),
        c.GetTime("lastUpdateTime"),
        c.GetTime("lastHeartbeatTime"),
        c.GetTime("lastProbeTime"),
        c.GetLong("observedGeneration"));
}
