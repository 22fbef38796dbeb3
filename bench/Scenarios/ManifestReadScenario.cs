using System.Diagnostics;
using System.Globalization;
using System.Text;
using GitOps.Bench.Harness;
using GitOps.Model.Manifests;

namespace GitOps.Bench.Scenarios;

/// <summary>Manifest reading throughput: GitSync parses and validates every object of a source on each sync.</summary>
public sealed class ManifestReadScenario : IScenario
{
    private const double TargetSeconds = 5;

    public string Name => "manifest-read";

    public string Description => "YAML manifests read + validated + checked for duplicates; options --objects --rounds";

    public Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var objects = arguments.GetInt("objects", 10_000);
        var rounds = arguments.GetInt("rounds", 5);
        var files = Enumerable.Range(0, objects / 10).Select(f => ($"apps/app-{f}.yaml", File(f))).ToArray();
        var bytes = files.Sum(f => Encoding.UTF8.GetByteCount(f.Item2));

        var rows = new List<string[]>();
        for (var round = 0; round <= rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = ManifestSet.Combine(files.Select(f => ManifestReader.Read(f.Item2, f.Item1)));
            clock.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (result.Documents.Count != objects || result.Errors.Count != 0)
                throw new InvalidOperationException($"expected {objects} objects and no errors, got {result.Documents.Count} and {result.Errors.Count}");
            if (round == 0)
                continue; // warm-up: JIT and tiering
            rows.Add([
                round.ToString(CultureInfo.InvariantCulture),
                clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                (objects / clock.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture),
                (bytes / 1048576.0 / clock.Elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture),
                cpuSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                (objects / cpuSeconds).ToString("N0", CultureInfo.InvariantCulture),
                (TargetSeconds / clock.Elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "x",
            ]);
        }

        output.WriteLine($"manifest-read on {MachineInfo.Describe()}: {objects:N0} objects in {files.Length:N0} files, {bytes / 1048576.0:0.0} MiB of YAML");
        output.WriteLine();
        output.WriteLine(MarkdownTable.Render(["round", "seconds", "objects/s", "MiB/s", "CPU seconds", "objects per CPU-second", $"headroom vs {TargetSeconds:0} s budget"], rows));
        return Task.CompletedTask;
    }

    // Ten objects per file, the mix a GitOps repository holds: a Deployment, a Service and a ConfigMap per app.
    private static string File(int index)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            var name = $"app-{index}-{i}";
            builder.Append("---\n");
            builder.Append((i % 3) switch
            {
                0 => $"""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: {name}
                      namespace: team-{index % 20}
                      labels:
                        app: {name}
                        tier: frontend
                    spec:
                      replicas: 3
                      selector:
                        matchLabels:
                          app: {name}
                      template:
                        metadata:
                          labels:
                            app: {name}
                        spec:
                          containers:
                          - name: web
                            image: nginx:1.27
                            args: ["--port", "8080"]
                            ports:
                            - containerPort: 8080
                            resources:
                              requests:
                                cpu: 100m
                                memory: 128Mi

                    """,
                1 => $"""
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: {name}
                      namespace: team-{index % 20}
                    spec:
                      selector:
                        app: {name}
                      ports:
                      - port: 80
                        targetPort: 8080

                    """,
                _ => $"""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: {name}
                      namespace: team-{index % 20}
                    data:
                      LOG_LEVEL: info
                      config.yaml: |
                        server:
                          port: 8080

                    """,
            });
        }
        return builder.ToString();
    }
}
