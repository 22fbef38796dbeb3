using System.Text.Json.Nodes;

namespace GitOps.Gateway.Auth.Rbac;

/// <summary>
/// One rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule): the verbs it grants on
/// resources of the API groups (optionally only the named objects), or on non-resource URLs.
/// </summary>
public sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    public static PolicyRule ForResources(string[] apiGroups, string[] resources, params string[] verbs) =>
        new(verbs, apiGroups, resources, [], []);

    public static PolicyRule ForUrls(string[] urls, params string[] verbs) => new(verbs, [], [], [], urls);

    /// <summary>The rules of a Role or ClusterRole object (its <c>rules</c> array); entries that are not objects are skipped.</summary>
    public static IReadOnlyList<PolicyRule> ListOf(JsonNode? rules)
    {
        if (rules is not JsonArray array)
            return [];
        var parsed = new List<PolicyRule>(array.Count);
        foreach (var rule in array.OfType<JsonObject>())
            parsed.Add(new PolicyRule(Strings(rule["verbs"]), Strings(rule["apiGroups"]), Strings(rule["resources"]),
                Strings(rule["resourceNames"]), Strings(rule["nonResourceURLs"])));
        return parsed;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["verbs"] = Array(Verbs) };
        if (NonResourceUrls.Count > 0)
        {
            json["nonResourceURLs"] = Array(NonResourceUrls);
            return json;
        }
        json["apiGroups"] = Array(ApiGroups);
        json["resources"] = Array(Resources);
        if (ResourceNames.Count > 0)
            json["resourceNames"] = Array(ResourceNames);
        return json;
    }

    private static JsonArray Array(IReadOnlyList<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.Select(JsonStrings.Of).OfType<string>().ToArray()
            : [];
}
