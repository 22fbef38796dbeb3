using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a coordination.k8s.io/v1 Lease (node heartbeats, leader election).</summary>
public sealed class Lease(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "coordination.k8s.io/v1";
    public const string Kind = "Lease";

    public static Lease Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    public string? HolderIdentity { get => Object.Spec?.GetString("holderIdentity"); set => Object.EnsureSpec().SetString("holderIdentity", value); }

    public int? LeaseDurationSeconds { get => Object.Spec?.GetInt("leaseDurationSeconds"); set => Object.EnsureSpec().SetInt("leaseDurationSeconds", value); }

    public DateTimeOffset? AcquireTime { get => Object.Spec?.GetTime("acquireTime"); set => Object.EnsureSpec().SetMicroTime("acquireTime", value); }

    /// <summary>Written with microsecond precision (MicroTime), as Kubernetes does.</summary>
    public DateTimeOffset? RenewTime { get => Object.Spec?.GetTime("renewTime"); set => Object.EnsureSpec().SetMicroTime("renewTime", value); }

    public int LeaseTransitions { get => Object.Spec?.GetInt("leaseTransitions") ?? 0; set => Object.EnsureSpec().SetInt("leaseTransitions", value); }
}
