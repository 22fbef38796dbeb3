namespace GitOps.GitSync.Tests.Support;

/// <summary>Small manifests for tests, as users write them.</summary>
public static class Manifests
{
    public static string Namespace(string name) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
        """;

    public static string ConfigMap(string ns, string name, string value = "v1") => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
          namespace: {ns}
        data:
          setting: "{value}"
        """;

    public static string Deployment(string ns, string name, int replicas = 2) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            app: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
                - name: {name}
                  image: nginx:1.27
        """;

    public static string Service(string ns, string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          selector:
            app: {name}
          ports:
            - port: 80
        """;

    public static string Join(params string[] documents) => string.Join("\n---\n", documents) + "\n";
}
