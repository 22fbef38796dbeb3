using System.Diagnostics;
using System.Text.Json.Nodes;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.Model.Objects;
using Xunit.Abstractions;
using static GitOps.EndToEnd.Tests.Harness.PodQueries;

namespace GitOps.EndToEnd.Tests.Compose;

/// <summary>
/// docker-compose.yml for real: its images built with no registry, the stack up and healthy, the
/// example running on the node agent's simulated nodes as kubectl shows it, a pushed commit applied,
/// both silos restarted with nothing lost, every service stopping on docker's stop signal, and
/// nothing of the project left after `down -v`.
/// </summary>
public sealed class ComposeStackTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // The example's Deployments: shop/web 3, shop/api 2, monitoring/metrics-collector 1.
    private const int ExamplePods = 6;

    private static readonly string[] SimulatedNodes = ["sim-node-1", "sim-node-2", "sim-node-3"];

    [Fact]
    public async Task The_stack_comes_up_runs_the_example_applies_a_push_survives_silo_restarts_and_leaves_nothing_behind()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var ct = cancellation.Token;
        await DockerEngineStarter.EnsureAsync(ct);
        using var example = await ExampleRepository.CreateAsync(ct);
        var stack = await ComposeStack.CreateAsync(example.BarePath, ct);
        output.WriteLine($"compose: {stack.Command}, project {stack.ProjectName}, silos {stack.SiloA} {stack.SiloB}");
        try
        {
            var timer = Stopwatch.StartNew();
            await stack.BuildAsync(ct);
            output.WriteLine($"images built in {timer.Elapsed.TotalSeconds:0} s");

            timer.Restart();
            await stack.UpAsync(ct);
            await BothSilosReadyAsync(stack);
            var kubeconfig = await stack.KubeconfigAsync(ct);
            // Not "spread over the 3 nodes": the pods are pending before the agent starts, and as with
            // kube-scheduler the first node registered may take them all before the others exist.
            await Eventually.HoldsAsync($"the agent's 3 simulated nodes Ready, each with its own token, and the example's {ExamplePods} pods Running on them, as kubectl shows them", async token =>
            {
                var nodes = await Kubectl.GetItemsAsync(stack.SecureSiloB, kubeconfig, ["get", "nodes"], token);
                var ready = nodes.Where(IsReady).Select(n => n["metadata"]?["name"]?.GetValue<string>() ?? "").Order().ToArray();
                var pods = await Kubectl.GetItemsAsync(stack.SecureSiloB, kubeconfig, ["get", "pods", "--all-namespaces"], token);
                var running = Running(pods);
                return (ready.SequenceEqual(SimulatedNodes) && running.Count == ExamplePods && pods.Count(IsLive) == ExamplePods && running.All(p => ready.Contains(Node(p))),
                    $"nodes Ready: {string.Join(", ", ready)}; pods {Describe(pods)}");
            }, Patience);
            output.WriteLine($"up and the example Running in {timer.Elapsed.TotalSeconds:0} s");

            timer.Restart();
            var commit = await example.PushAsync("Scale web to 4", "manifests-example/shop/web.yaml", text => text.Replace("replicas: 3", "replicas: 4"), ct);
            await Eventually.HoldsAsync($"the pushed commit {commit[..8]} applied: web stamped with it and 4 web pods Running", async token =>
            {
                var web = await Kubectl.GetJsonAsync(stack.SecureSiloA, kubeconfig, ["get", "deployment", "web", "--namespace", "shop"], token);
                var stamped = web["metadata"]?["annotations"]?[GitOpsMetadata.CommitAnnotation]?.GetValue<string>();
                var pods = (await Kubectl.GetItemsAsync(stack.SecureSiloA, kubeconfig, ["get", "pods", "--namespace", "shop"], token))
                    .Where(p => p["metadata"]?["name"]?.GetValue<string>().StartsWith("web-", StringComparison.Ordinal) == true).ToArray();
                return (stamped == commit && Running(pods).Count == 4 && pods.Count(IsLive) == 4, $"web stamped {stamped}; pods {Describe(pods)}");
            }, Patience);
            output.WriteLine($"push applied in {timer.Elapsed.TotalSeconds:0} s");

            timer.Restart();
            var before = await ObjectsAsync(stack.SecureSiloA, kubeconfig, ct);
            Assert.NotEmpty(before);
            await stack.RestartAsync(["silo-a", "silo-b"], ct);
            await BothSilosReadyAsync(stack);
            await Eventually.HoldsAsync("every object of before the restart, unchanged, and all pods Running again", async token =>
            {
                var after = await ObjectsAsync(stack.SecureSiloB, kubeconfig, token);
                var pods = await Kubectl.GetItemsAsync(stack.SecureSiloB, kubeconfig, ["get", "pods", "--all-namespaces"], token);
                var missing = before.Except(after).ToArray();
                return (missing.Length == 0 && Running(pods).Count == ExamplePods + 1,
                    $"missing {string.Join(", ", missing)}; pods {Describe(pods)}");
            }, Patience);
            output.WriteLine($"silos restarted and the state intact in {timer.Elapsed.TotalSeconds:0} s");

            // Each service stops on docker's stop signal: none is left for docker to kill after the grace period.
            var exitCodes = await stack.StopAsync(ct);
            Assert.True(exitCodes.Count == 5 && exitCodes.Values.All(code => code == 0),
                $"exit codes after docker stop: {string.Join(", ", exitCodes.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
        }
        catch (Exception)
        {
            output.WriteLine(await stack.LogsAsync(CancellationToken.None));
            throw;
        }
        finally
        {
            await stack.DownAsync(CancellationToken.None);
        }

        Assert.Empty(await stack.LeftoversAsync(CancellationToken.None));
    }

    private static bool IsReady(JsonObject node) =>
        node["status"]?["conditions"]?.AsArray().Any(c => c?["type"]?.GetValue<string>() == "Ready" && c?["status"]?.GetValue<string>() == "True") == true;

    private static async Task BothSilosReadyAsync(ComposeStack stack)
    {
        using var a = new ClusterClient(stack.SiloA, TimeSpan.FromSeconds(10));
        using var b = new ClusterClient(stack.SiloB, TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync("both silos to answer /readyz with 200", async token =>
        {
            var (readyA, reportA) = await a.ReadinessAsync(token);
            var (readyB, reportB) = await b.ReadinessAsync(token);
            return (readyA && readyB, $"silo-a: {reportA}; silo-b: {reportB}");
        }, Patience);
    }

    /// <summary>The example's objects that Git manages, each as kind, namespace, name, uid and commit, through kubectl.</summary>
    private static async Task<IReadOnlyList<string>> ObjectsAsync(Uri server, string kubeconfig, CancellationToken cancellationToken)
    {
        var items = await Kubectl.GetItemsAsync(server, kubeconfig, ["get", "namespaces,deployments,services,configmaps,secrets", "--all-namespaces"], cancellationToken);
        return items
            .Where(o => o["metadata"]?["labels"]?[GitOpsMetadata.SourceLabel] is not null)
            .Select(o => Describe(o, o["metadata"]!.AsObject()))
            .Order()
            .ToArray();

        static string Describe(JsonObject item, JsonObject metadata) =>
            $"{item["kind"]}/{metadata["namespace"]}/{metadata["name"]} uid {metadata["uid"]} commit {metadata["annotations"]?[GitOpsMetadata.CommitAnnotation]}";
    }
}
