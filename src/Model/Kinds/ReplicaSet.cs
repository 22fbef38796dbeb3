using GitOps.Model.Json;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over an apps/v1 ReplicaSet.</summary>
public sealed class ReplicaSet(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "apps/v1";
    public const string Kind = "ReplicaSet";

    public static ReplicaSet Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    public int Replicas { get => Object.Spec?.GetInt("replicas") ?? 1; set => Object.EnsureSpec().SetInt("replicas", value); }

    /// <summary>spec.selector parsed; null when missing or invalid (then it selects nothing).</summary>
    public LabelSelector? Selector => LabelSelector.FromSelectorJson(Object.Spec?.GetObject("selector")).Selector;

    public PodTemplate Template => new(Object.EnsureSpec().EnsureObject("template"));

    public int MinReadySeconds { get => Object.Spec?.GetInt("minReadySeconds") ?? 0; set => Object.EnsureSpec().SetInt("minReadySeconds", value); }

    public long ObservedGeneration { get => Object.Status?.GetLong("observedGeneration") ?? 0; set => Object.EnsureStatus().SetLong("observedGeneration", value); }

    public int StatusReplicas { get => Object.Status?.GetInt("replicas") ?? 0; set => Object.EnsureStatus().SetInt("replicas", value); }

    public int FullyLabeledReplicas { get => Object.Status?.GetInt("fullyLabeledReplicas") ?? 0; set => Object.EnsureStatus().SetInt("fullyLabeledReplicas", value); }

    public int ReadyReplicas { get => Object.Status?.GetInt("readyReplicas") ?? 0; set => Object.EnsureStatus().SetInt("readyReplicas", value); }

    public int AvailableReplicas { get => Object.Status?.GetInt("availableReplicas") ?? 0; set => Object.EnsureStatus().SetInt("availableReplicas", value); }

    public IReadOnlyList<Condition> Conditions => Kinds.Conditions.Read(Object.Status);

    public bool SetCondition(Condition condition, DateTimeOffset now) => Kinds.Conditions.Set(Object.EnsureStatus(), condition, now);
}
