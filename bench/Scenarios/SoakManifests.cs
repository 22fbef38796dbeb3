using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Bench.Scenarios;

/// <summary>The soak's objects: small Deployments (10m CPU, 16Mi per pod), as YAML for Git and as JSON for the API.</summary>
internal static class SoakManifests
{
    public static string DeploymentYaml(string @namespace, string name, int replicas, int image) => string.Create(CultureInfo.InvariantCulture,
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {@namespace}\nspec:\n  replicas: {replicas}\n" +
        $"  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n      labels:\n        app: {name}\n    spec:\n      containers:\n" +
        $"        - name: main\n          image: registry.example/soak:{image}\n          resources:\n            requests:\n              cpu: 10m\n              memory: 16Mi\n");

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public static JsonObject Deployment(string @namespace, string name, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "main",
                        ["image"] = "registry.example/soak:0",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "10m", ["memory"] = "16Mi" } },
                    }),
                },
            },
        },
    };
}
