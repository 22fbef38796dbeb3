namespace GitOps.EndToEnd.Tests.Dashboard;

/// <summary>What the dashboard test commits: a namespace, a Deployment and the Service in front of it.</summary>
public static class DashboardManifests
{
    public static IReadOnlyDictionary<string, string> Storefront(int replicas) => new Dictionary<string, string>
    {
        ["store/namespace.yaml"] = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: store
            """,
        ["store/front.yaml"] = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: front
              namespace: store
            spec:
              replicas: {replicas}
              selector:
                matchLabels:
                  app: front
              template:
                metadata:
                  labels:
                    app: front
                spec:
                  containers:
                    - name: front
                      image: nginx:1.27
                      ports:
                        - containerPort: 80
                      resources:
                        requests:
                          cpu: 100m
                          memory: 64Mi
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: front
              namespace: store
            spec:
              selector:
                app: front
              ports:
                - name: http
                  port: 80
                  targetPort: 80
            """,
    };
}
