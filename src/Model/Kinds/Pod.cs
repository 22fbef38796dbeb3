using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a Pod.</summary>
public sealed class Pod(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "Pod";

    public static Pod Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    /// <summary>The pod spec view; creates an empty spec when the object has none (read <see cref="NodeName"/> without creating it).</summary>
    public PodSpec Spec => new(Object.EnsureSpec());

    public string? NodeName { get => Object.Spec?.GetString("nodeName"); set => Spec.NodeName = value; }

    public string Phase { get => Object.Status?.GetString("phase") ?? PodPhase.Pending; set => Object.EnsureStatus().SetString("phase", value); }

    public string? Reason { get => Object.Status?.GetString("reason"); set => Object.EnsureStatus().SetString("reason", value); }

    public string? Message { get => Object.Status?.GetString("message"); set => Object.EnsureStatus().SetString("message", value); }

    public string? PodIP { get => Object.Status?.GetString("podIP"); set => Object.EnsureStatus().SetString("podIP", value); }

    public string? HostIP { get => Object.Status?.GetString("hostIP"); set => Object.EnsureStatus().SetString("hostIP", value); }

    public DateTimeOffset? StartTime { get => Object.Status?.GetTime("startTime"); set => Object.EnsureStatus().SetTime("startTime", value); }

    public IReadOnlyList<Condition> Conditions => Kinds.Conditions.Read(Object.Status);

    public Condition? GetCondition(string type) => Kinds.Conditions.Get(Object.Status, type);

    /// <summary>Sets a condition; lastTransitionTime moves only when the status changes. True when anything changed.</summary>
    public bool SetCondition(Condition condition, DateTimeOffset now) => Kinds.Conditions.Set(Object.EnsureStatus(), condition, now);

    public IReadOnlyList<ContainerStatus> ContainerStatuses
    {
        get => Object.Status?.GetObjects("containerStatuses").Select(ContainerStatus.FromJson).ToArray() ?? [];
        set => Object.EnsureStatus().SetObjects("containerStatuses", value.Select(s => s.ToJson()));
    }

    public IReadOnlyList<ContainerStatus> InitContainerStatuses
    {
        get => Object.Status?.GetObjects("initContainerStatuses").Select(ContainerStatus.FromJson).ToArray() ?? [];
        set => Object.EnsureStatus().SetObjects("initContainerStatuses", value.Select(s => s.ToJson()));
    }

    /// <summary>The Ready condition is True.</summary>
    public bool IsReady => GetCondition(PodConditionTypes.Ready)?.IsTrue == true;

    /// <summary>Succeeded or Failed: the pod will not run again.</summary>
    public bool IsTerminal => Phase is PodPhase.Succeeded or PodPhase.Failed;

    public bool IsBeingDeleted => Metadata.DeletionTimestamp is not null;
}
