using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a core/v1 Event.</summary>
public sealed class Event(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "Event";
    public const string TypeNormal = "Normal";
    public const string TypeWarning = "Warning";

    public static Event Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    public ObjectReference? InvolvedObject
    {
        get => Object.Root.GetObject("involvedObject") is { } node ? ObjectReference.FromJson(node) : null;
        set => Object.Root["involvedObject"] = value?.ToJson();
    }

    public string? Reason { get => Object.Root.GetString("reason"); set => Object.Root.SetString("reason", value); }

    public string? Message { get => Object.Root.GetString("message"); set => Object.Root.SetString("message", value); }

    /// <summary>Normal or Warning.</summary>
    public string Type { get => Object.Root.GetString("type") ?? TypeNormal; set => Object.Root.SetString("type", value); }

    public int Count { get => Object.Root.GetInt("count") ?? 1; set => Object.Root.SetInt("count", value); }

    public DateTimeOffset? FirstTimestamp { get => Object.Root.GetTime("firstTimestamp"); set => Object.Root.SetTime("firstTimestamp", value); }

    public DateTimeOffset? LastTimestamp { get => Object.Root.GetTime("lastTimestamp"); set => Object.Root.SetTime("lastTimestamp", value); }

    public string? SourceComponent
    {
        get => Object.Root.GetObject("source")?.GetString("component");
        set => Object.Root.EnsureObject("source").SetString("component", value);
    }
}
