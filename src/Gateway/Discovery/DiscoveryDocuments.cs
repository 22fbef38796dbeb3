using System.Text.Json.Nodes;
using GitOps.Gateway.Registry;

namespace GitOps.Gateway.Discovery;

/// <summary>The legacy discovery documents kubectl reads: APIVersions, APIGroupList, APIGroup and APIResourceList.</summary>
internal static class DiscoveryDocuments
{
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry)
    {
        var groups = new JsonArray();
        foreach (var group in Groups(registry))
            groups.Add(Group(group.Key, group.Value));
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? Group(ResourceRegistry registry, string name) =>
        Groups(registry).TryGetValue(name, out var versions) ? Group(name, versions) : null;

    public static JsonObject ResourceList(ResourceRegistry registry, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var resource in registry.All.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            resources.Add(Resource(resource, resource.Plural, resource.Singular, resource.Verbs, withNames: true));
            if (resource.HasStatus)
                resources.Add(Resource(resource, resource.Plural + "/status", "", ApiResource.StatusVerbs, withNames: false));
            if (resource.HasScale)
            {
                var scale = Resource(resource, resource.Plural + "/scale", "", ApiResource.StatusVerbs, withNames: false);
                scale["group"] = "autoscaling";
                scale["version"] = "v1";
                scale["kind"] = "Scale";
                resources.Add(scale);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = ApiVersionOf(group, version),
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(ApiResource resource, string name, string singular, IReadOnlyList<string> verbs, bool withNames)
    {
        var entry = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = singular,
            ["namespaced"] = resource.Namespaced,
            ["kind"] = resource.Kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
        };
        if (withNames && resource.ShortNames.Count > 0)
            entry["shortNames"] = new JsonArray(resource.ShortNames.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        if (withNames && resource.Categories.Count > 0)
            entry["categories"] = new JsonArray(resource.Categories.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        return entry;
    }

    // Non-core groups and their versions, newest-looking version first (v2 before v1beta1).
    private static SortedDictionary<string, List<string>> Groups(ResourceRegistry registry)
    {
        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var resource in registry.All.Where(r => r.Group.Length > 0))
        {
            if (!groups.TryGetValue(resource.Group, out var versions))
                groups[resource.Group] = versions = [];
            if (!versions.Contains(resource.Version))
                versions.Add(resource.Version);
        }
        foreach (var versions in groups.Values)
            versions.Sort(CompareVersions);
        return groups;
    }

    private static JsonObject Group(string name, List<string> versions)
    {
        var list = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToArray());
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static string ApiVersionOf(string group, string version) => group.Length == 0 ? version : $"{group}/{version}";

    // Kubernetes version priority: GA before beta before alpha, higher numbers first.
    private static int CompareVersions(string a, string b)
    {
        static (int Stability, int Major, int Minor) Rank(string v)
        {
            var m = System.Text.RegularExpressions.Regex.Match(v, "^v(\\d+)(?:(alpha|beta)(\\d+))?$");
            if (!m.Success)
                return (-1, 0, 0);
            var stability = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
            return (stability, int.Parse(m.Groups[1].Value), m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value) : 0);
        }
        var ra = Rank(a);
        var rb = Rank(b);
        return ra != rb ? rb.CompareTo(ra) : string.CompareOrdinal(a, b);
    }
}
