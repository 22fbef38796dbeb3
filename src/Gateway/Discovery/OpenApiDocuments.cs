using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Gateway.Registry;

namespace GitOps.Gateway.Discovery;

/// <summary>
/// The OpenAPI v3 documents kubectl reads before create and apply: a root listing one document
/// per group version, and per group version the paths of each kind with its
/// <c>x-kubernetes-group-version-kind</c> and the <c>fieldValidation</c> query parameter. That tells
/// kubectl the server validates (so it needs no client-side schema); objects are described as
/// free-form, since the server keeps unknown fields.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Root(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var (group, version) in GroupVersions(registry))
        {
            var document = GroupVersion(registry, group, version).ToJsonString();
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document)))[..32];
            paths[PathOf(group, version)] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{PathOf(group, version)}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject GroupVersion(ResourceRegistry registry, string group, string version)
    {
        var paths = new JsonObject();
        foreach (var resource in registry.All.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            var prefix = "/" + PathOf(group, version) + (resource.Namespaced ? "/namespaces/{namespace}/" : "/") + resource.Plural;
            if (!resource.Definition.IsStored)
            {
                // A review is only answered: create is its one operation.
                paths[prefix] = new JsonObject { ["post"] = Operation(resource, "post") };
                continue;
            }
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation(resource, "list"),
                ["post"] = Operation(resource, "post"),
            };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(resource, "get"),
                ["put"] = Operation(resource, "put"),
                ["patch"] = Operation(resource, "patch"),
                ["delete"] = Operation(resource, "delete"),
            };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "GitOps gateway", ["version"] = VersionInfo.Current.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    public static bool Serves(ResourceRegistry registry, string group, string version) => registry.HasGroupVersion(group, version);

    private static JsonObject Operation(ApiResource resource, string action)
    {
        var parameters = new JsonArray();
        if (action is "post" or "put" or "patch")
        {
            parameters.Add(new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
            parameters.Add(new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        return new JsonObject
        {
            ["operationId"] = $"{action}{resource.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject
            {
                ["group"] = resource.Group,
                ["version"] = resource.Version,
                ["kind"] = resource.Kind,
            },
        };
    }

    private static IEnumerable<(string Group, string Version)> GroupVersions(ResourceRegistry registry) =>
        registry.All.Select(r => (r.Group, r.Version)).Distinct().OrderBy(gv => gv.Group, StringComparer.Ordinal).ThenBy(gv => gv.Version, StringComparer.Ordinal);

    private static string PathOf(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
}
