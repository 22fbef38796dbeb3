using System.Text.Json.Nodes;

namespace GitOps.EndToEnd.Tests;

/// <summary>The Git repository contents the end-to-end tests commit.</summary>
public static class Manifests
{
    /// <summary>Namespace shop and Deployment web, rolling out one pod at a time (surge 1, unavailable 1).</summary>
    public static IReadOnlyDictionary<string, string> WebDeployment(string image, int replicas) =>
        NamespacedDeployment("shop", image, replicas, maxSurge: "1", maxUnavailable: "1");

    /// <summary>A namespace and Deployment web rolling out by Kubernetes' default steps (25% surge, 25% unavailable).</summary>
    public static IReadOnlyDictionary<string, string> FleetDeployment(string @namespace, string image, int replicas) =>
        NamespacedDeployment(@namespace, image, replicas, maxSurge: "25%", maxUnavailable: "25%");

    private static Dictionary<string, string> NamespacedDeployment(string @namespace, string image, int replicas, string maxSurge, string maxUnavailable) => new()
    {
        [$"{@namespace}/namespace.yaml"] = $"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {@namespace}
            """,
        [$"{@namespace}/web.yaml"] = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {@namespace}
            spec:
              replicas: {replicas}
              selector:
                matchLabels:
                  app: web
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: {maxSurge}
                  maxUnavailable: {maxUnavailable}
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: {image}
                      resources:
                        requests:
                          cpu: 100m
                          memory: 64Mi
            """,
    };

    public static IReadOnlyDictionary<string, string> ProcessWorkloads(string sleepSeconds) => new Dictionary<string, string>
    {
        ["jobs/namespace.yaml"] = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: jobs
            """,
        ["jobs/sleeper.yaml"] = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: sleeper
              namespace: jobs
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: sleeper
              template:
                metadata:
                  labels:
                    app: sleeper
                spec:
                  containers:
                    - name: sleep
                      image: busybox
                      command: ["sleep", "{sleepSeconds}"]
            """,
        ["jobs/failing.yaml"] = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: retry-on-failure
              namespace: jobs
            spec:
              restartPolicy: OnFailure
              containers:
                - name: fail
                  image: busybox
                  command: ["sh", "-c", "exit 1"]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: never-restart
              namespace: jobs
            spec:
              restartPolicy: Never
              containers:
                - name: fail
                  image: busybox
                  command: ["sh", "-c", "exit 1"]
            """,
    };

    /// <summary>A namespace and one ConfigMap whose <c>data.version</c> says which commit it came from.</summary>
    public static IReadOnlyDictionary<string, string> VersionedConfigMap(string @namespace, string version) => new Dictionary<string, string>
    {
        [$"{@namespace}/namespace.yaml"] = $"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {@namespace}
            """,
        [$"{@namespace}/settings.yaml"] = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: {@namespace}
            data:
              version: "{version}"
            """,
    };

    /// <summary>A ConfigMap as a client POSTs or PUTs it; <paramref name="resourceVersion"/> makes a PUT conditional.</summary>
    public static JsonObject ConfigMap(string @namespace, string name, string value, string? resourceVersion = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = @namespace };
        if (resourceVersion is not null)
            metadata["resourceVersion"] = resourceVersion;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = metadata,
            ["data"] = new JsonObject { ["value"] = value },
        };
    }

    /// <summary>The body of <c>POST /api/gitops/sources</c>.</summary>
    public static JsonObject Source(string name, string url, string pollInterval) => new()
    {
        ["name"] = name,
        ["url"] = url,
        ["branch"] = "main",
        ["pollInterval"] = pollInterval,
        // The tests serve their repositories over plain HTTP on 127.0.0.1 (GitHttpServer).
        ["allowInsecureHttp"] = true,
    };
}
