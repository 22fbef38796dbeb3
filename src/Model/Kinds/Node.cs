using GitOps.Model.Json;
using GitOps.Model.Objects;
using GitOps.Model.Quantities;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a (cluster-scoped) Node.</summary>
public sealed class Node(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "Node";

    public static Node Create(string name) => new(NewObject(ApiVersion, Kind, null, name));

    public bool Unschedulable { get => Object.Spec?.GetBool("unschedulable") ?? false; set => Object.EnsureSpec().SetBool("unschedulable", value ? true : null); }

    public IReadOnlyList<Taint> Taints
    {
        get => Object.Spec?.GetObjects("taints").Select(Taint.FromJson).ToArray() ?? [];
        set => Object.EnsureSpec().SetObjects("taints", value.Select(t => t.ToJson()));
    }

    public IReadOnlyDictionary<string, Quantity> Capacity
    {
        get => ResourceList.Read(Object.Status?.GetObject("capacity"));
        set => Object.EnsureStatus()["capacity"] = ResourceList.ToJson(value);
    }

    /// <summary>What pods may use; falls back to capacity when allocatable is absent.</summary>
    public IReadOnlyDictionary<string, Quantity> Allocatable
    {
        get => Object.Status?.GetObject("allocatable") is { } allocatable ? ResourceList.Read(allocatable) : Capacity;
        set => Object.EnsureStatus()["allocatable"] = ResourceList.ToJson(value);
    }

    public IReadOnlyList<NodeAddress> Addresses
    {
        get => Object.Status?.GetObjects("addresses").Select(NodeAddress.FromJson).ToArray() ?? [];
        set => Object.EnsureStatus().SetObjects("addresses", value.Select(a => a.ToJson()));
    }

    public string? KubeletVersion
    {
        get => Object.Status?.GetPath("nodeInfo")?.GetString("kubeletVersion");
        set => Object.EnsureStatus().EnsureObject("nodeInfo").SetString("kubeletVersion", value);
    }

    public IReadOnlyList<Condition> Conditions => Kinds.Conditions.Read(Object.Status);

    public Condition? GetCondition(string type) => Kinds.Conditions.Get(Object.Status, type);

    public bool SetCondition(Condition condition, DateTimeOffset now) => Kinds.Conditions.Set(Object.EnsureStatus(), condition, now);

    /// <summary>The Ready condition is True.</summary>
    public bool IsReady => GetCondition(NodeConditionTypes.Ready)?.IsTrue == true;
}
