using GitOps.Model.Json;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over an apps/v1 Deployment, with Kubernetes' defaults for unset fields.</summary>
public sealed class Deployment(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "apps/v1";
    public const string Kind = "Deployment";
    public const string StrategyRollingUpdate = "RollingUpdate";
    public const string StrategyRecreate = "Recreate";
    public static readonly IntOrString DefaultMaxSurge = IntOrString.FromString("25%");
    public static readonly IntOrString DefaultMaxUnavailable = IntOrString.FromString("25%");

    public static Deployment Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    public int Replicas { get => Object.Spec?.GetInt("replicas") ?? 1; set => Object.EnsureSpec().SetInt("replicas", value); }

    /// <summary>spec.selector parsed; null when missing or invalid (then it selects nothing).</summary>
    public LabelSelector? Selector => LabelSelector.FromSelectorJson(Object.Spec?.GetObject("selector")).Selector;

    public PodTemplate Template => new(Object.EnsureSpec().EnsureObject("template"));

    /// <summary>RollingUpdate (the default) or Recreate.</summary>
    public string StrategyType
    {
        get => Object.Spec?.GetObject("strategy")?.GetString("type") ?? StrategyRollingUpdate;
        set => Object.EnsureSpec().EnsureObject("strategy").SetString("type", value);
    }

    public IntOrString MaxSurge
    {
        get => IntOrString.FromJson(Object.Spec?.GetPath("strategy", "rollingUpdate")?["maxSurge"]) ?? DefaultMaxSurge;
        set => Object.EnsureSpec().EnsurePath("strategy", "rollingUpdate")["maxSurge"] = value.ToJsonNode();
    }

    public IntOrString MaxUnavailable
    {
        get => IntOrString.FromJson(Object.Spec?.GetPath("strategy", "rollingUpdate")?["maxUnavailable"]) ?? DefaultMaxUnavailable;
        set => Object.EnsureSpec().EnsurePath("strategy", "rollingUpdate")["maxUnavailable"] = value.ToJsonNode();
    }

    public int RevisionHistoryLimit { get => Object.Spec?.GetInt("revisionHistoryLimit") ?? 10; set => Object.EnsureSpec().SetInt("revisionHistoryLimit", value); }

    public bool Paused { get => Object.Spec?.GetBool("paused") ?? false; set => Object.EnsureSpec().SetBool("paused", value ? true : null); }

    public int ProgressDeadlineSeconds { get => Object.Spec?.GetInt("progressDeadlineSeconds") ?? 600; set => Object.EnsureSpec().SetInt("progressDeadlineSeconds", value); }

    public int MinReadySeconds { get => Object.Spec?.GetInt("minReadySeconds") ?? 0; set => Object.EnsureSpec().SetInt("minReadySeconds", value); }

    public long ObservedGeneration { get => Object.Status?.GetLong("observedGeneration") ?? 0; set => Object.EnsureStatus().SetLong("observedGeneration", value); }

    public int StatusReplicas { get => Object.Status?.GetInt("replicas") ?? 0; set => Object.EnsureStatus().SetInt("replicas", value); }

    public int UpdatedReplicas { get => Object.Status?.GetInt("updatedReplicas") ?? 0; set => Object.EnsureStatus().SetInt("updatedReplicas", value); }

    public int ReadyReplicas { get => Object.Status?.GetInt("readyReplicas") ?? 0; set => Object.EnsureStatus().SetInt("readyReplicas", value); }

    public int AvailableReplicas { get => Object.Status?.GetInt("availableReplicas") ?? 0; set => Object.EnsureStatus().SetInt("availableReplicas", value); }

    public int UnavailableReplicas { get => Object.Status?.GetInt("unavailableReplicas") ?? 0; set => Object.EnsureStatus().SetInt("unavailableReplicas", value); }

    public int? CollisionCount { get => Object.Status?.GetInt("collisionCount"); set => Object.EnsureStatus().SetInt("collisionCount", value); }

    public IReadOnlyList<Condition> Conditions => Kinds.Conditions.Read(Object.Status);

    public Condition? GetCondition(string type) => Kinds.Conditions.Get(Object.Status, type);

    public bool SetCondition(Condition condition, DateTimeOffset now) => Kinds.Conditions.Set(Object.EnsureStatus(), condition, now);
}
