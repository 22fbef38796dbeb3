using System.Text.Json.Nodes;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>Kubernetes-shaped test objects.</summary>
public static class Objects
{
    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public static JsonObject Pod(string ns, string name, IReadOnlyDictionary<string, string>? labels = null, string? nodeName = null)
    {
        var labelNode = new JsonObject();
        foreach (var (key, value) in labels ?? new Dictionary<string, string> { ["app"] = "web" })
            labelNode[key] = value;
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "nginx:1.27" }),
        };
        if (nodeName is not null)
            spec["nodeName"] = nodeName;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labelNode },
            ["spec"] = spec,
        };
    }

    public static JsonObject Deployment(string ns, string name, int replicas = 2) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "nginx:1.27" }),
                },
            },
        },
    };

    public static string PodsPath(string ns) => $"/api/v1/namespaces/{ns}/pods";

    public static string PodPath(string ns, string name) => $"/api/v1/namespaces/{ns}/pods/{name}";

    public static string ResourceVersion(JsonNode obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();
}
