namespace GitOps.EndToEnd.Tests;

/// <summary>The Git repository contents the end-to-end tests commit.</summary>
public static class Manifests
{
    public static IReadOnlyDictionary<string, string> WebDeployment(string image, int replicas) => new Dictionary<string, string>
    {
        ["shop/namespace.yaml"] = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            """,
        ["shop/web.yaml"] = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: {replicas}
              selector:
                matchLabels:
                  app: web
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 1
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
}
