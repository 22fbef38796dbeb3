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

    /// <summary>Workloads for the process runtime: a Deployment of real sleeping processes and two pods that exit 1.</summary>
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
}
