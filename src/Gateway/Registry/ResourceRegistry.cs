using System.Collections.Immutable;
using GitOps.Model.Objects;
using GitOps.Model.Registry;

namespace GitOps.Gateway.Registry;

/// <summary>
/// The kinds the API serves: the built-in ones of the kind registry, plus kinds learned from stored
/// objects (GitSync stores any kind Git declares), which are served generically as the registry
/// describes custom resources (<see cref="KindRegistry.CustomResource"/>). Thread-safe; reads take
/// no lock.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly object _gate = new();
    private ImmutableDictionary<(string Group, string Version, string Plural), ApiResource> _byPath;
    private ImmutableDictionary<ResourceType, ApiResource> _byType;

    public ResourceRegistry()
    {
        var builtIns = KindRegistry.BuiltIn.Select(k => new ApiResource(k)).ToArray();
        _byPath = builtIns.ToImmutableDictionary(r => (r.Group, r.Version, r.Plural));
        _byType = builtIns.ToImmutableDictionary(r => r.Type);
    }

    public IReadOnlyCollection<ApiResource> All => _byPath.Values.ToArray();

    public ApiResource? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));

    /// <summary>True when some kind is served under this group/version.</summary>
    public bool HasGroupVersion(string group, string version) =>
        _byPath.Keys.Any(k => k.Group == group && k.Version == version);

    /// <summary>
    /// Records a kind seen on a stored object. Known kinds are left as they are; an unknown one
    /// is served from now on under the object's apiVersion.
    /// </summary>
    public void Learn(string apiVersion, string kind, bool namespaced)
    {
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion))
            return;
        var group = ApiVersionParts.GroupOf(apiVersion);
        if (_byType.ContainsKey(new ResourceType(group, kind)))
            return;
        lock (_gate)
        {
            var resource = new ApiResource(KindRegistry.CustomResource(group, ApiVersionParts.VersionOf(apiVersion), kind,
                namespaced ? KindScope.Namespaced : KindScope.Cluster));
            if (_byType.ContainsKey(resource.Type) || _byPath.ContainsKey((resource.Group, resource.Version, resource.Plural)))
                return;
            _byPath = _byPath.Add((resource.Group, resource.Version, resource.Plural), resource);
            _byType = _byType.Add(resource.Type, resource);
        }
    }
}
