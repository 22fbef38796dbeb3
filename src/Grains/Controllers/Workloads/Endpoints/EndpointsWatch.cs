using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Workloads.Endpoints;

/// <summary>
/// Wakes a Service's Endpoints controller when the Service changes and when a pod its selector matches
/// changes. Like Kubernetes' service informer, it keeps the selectors of the Services it has seen
/// (every Service is seen: the dispatcher relists them at start-up), so a pod change is mapped without
/// reading the store. A pod whose labels stop matching is caught by the controller's periodic resync.
/// </summary>
public sealed class EndpointsWatch : IControllerWatch
{
    public static readonly ResourceType ServiceType = new("", Service.Kind);
    public static readonly ResourceType EndpointsType = new("", GitOps.Model.Kinds.Endpoints.Kind);
    public static readonly ResourceType PodType = new("", Pod.Kind);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>> _selectors = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ResourceType> Types { get; } = [ServiceType];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        var type = change.Key.Type;
        if (type == ServiceType)
        {
            Remember(change);
            targets.Add(Target(change.Key.Namespace, change.Key.Name));
        }
        else if (type == PodType)
        {
            var labels = change.Object.Metadata.Labels;
            lock (_gate)
            {
                if (!_selectors.TryGetValue(change.Key.Namespace, out var services))
                    return;
                foreach (var (name, selector) in services)
                {
                    if (selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value))
                        targets.Add(Target(change.Key.Namespace, name));
                }
            }
        }
        else if (type == EndpointsType && change.Type == ChangeType.Deleted)
        {
            // Someone deleted managed Endpoints: the controller recreates them.
            targets.Add(Target(change.Key.Namespace, change.Key.Name));
        }
    }

    private void Remember(ChangeEvent change)
    {
        // Read without typed views: change events are shared with other readers and must not be touched.
        var selector = change.Type == ChangeType.Deleted ? null : change.Object.Spec?.GetStringMap("selector");
        lock (_gate)
        {
            if (!_selectors.TryGetValue(change.Key.Namespace, out var services))
            {
                services = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
                _selectors[change.Key.Namespace] = services;
            }
            if (selector is { Count: > 0 })
                services[change.Key.Name] = selector;
            else
                services.Remove(change.Key.Name);
        }
    }

    private static ControllerTarget Target(string @namespace, string name) =>
        ControllerTarget.For<IEndpointsControllerGrain>(WorkloadKeys.For(@namespace, name));
}
