using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a Service.</summary>
public sealed class Service(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "Service";

    public static Service Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    /// <summary>spec.selector (equality only); an empty selector means the Service has no managed Endpoints.</summary>
    public IReadOnlyDictionary<string, string> Selector
    {
        get => Object.Spec?.GetStringMap("selector") ?? new Dictionary<string, string>();
        set => Object.EnsureSpec().SetStringMap("selector", value);
    }

    public IReadOnlyList<ServicePort> Ports
    {
        get => Object.Spec?.GetObjects("ports").Select(ServicePort.FromJson).ToArray() ?? [];
        set => Object.EnsureSpec().SetObjects("ports", value.Select(p => p.ToJson()));
    }

    /// <summary>ClusterIP (the default), NodePort, LoadBalancer or ExternalName.</summary>
    public string Type { get => Object.Spec?.GetString("type") ?? "ClusterIP"; set => Object.EnsureSpec().SetString("type", value); }

    public string? ClusterIP { get => Object.Spec?.GetString("clusterIP"); set => Object.EnsureSpec().SetString("clusterIP", value); }
}
