using GitOps.EndToEnd.Tests.Harness;
using static GitOps.EndToEnd.Tests.Harness.PodQueries;

namespace GitOps.EndToEnd.Tests;

/// <summary>
/// Issue 5's end-to-end path on real processes: a commit becomes pods running on simulated nodes,
/// an image change rolls out, and a node that stops heartbeating loses its pods to the others.
/// </summary>
public sealed class SimulatedFleetEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Commit_runs_spread_pods_rolls_out_a_new_image_and_survives_a_node_failure()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = cancellation.Token;
        using var repository = await GitRepository.CreateAsync(ct);
        await repository.CommitAsync("Add the web deployment", Manifests.WebDeployment("nginx:1.25", replicas: 6), ct);

        await using var cluster = await SiloCluster.StartAsync(repository, ct);
        cluster.StartAgent("--runtime", "simulated", "--nodes", "3", "--name-prefix", "sim-node", "--start-delay", "200ms");
        var podsPath = "/api/v1/namespaces/shop/pods";

        await Eventually.HoldsAsync("6 Running pods spread over the 3 nodes", async token =>
        {
            var pods = await cluster.Client.ListAsync(podsPath, token);
            var running = Running(pods);
            var nodes = running.Select(Node).Distinct().Count();
            return (running.Count == 6 && nodes == 3 && pods.Count(IsLive) == 6, Describe(pods));
        }, Patience, cluster.Processes);

        await repository.CommitAsync("Roll out nginx 1.27", Manifests.WebDeployment("nginx:1.27", replicas: 6), ct);
        await cluster.Client.PostAsync("/api/gitops/sources/e2e/sync", ct);

        await Eventually.HoldsAsync("the rollout to nginx:1.27 to complete", async token =>
        {
            var deployment = await cluster.Client.GetAsync("/apis/apps/v1/namespaces/shop/deployments/web", token);
            var status = deployment?["status"];
            var pods = await cluster.Client.ListAsync(podsPath, token);
            var running = Running(pods);
            var done = status?["updatedReplicas"]?.GetValue<int>() == 6
                       && status["availableReplicas"]?.GetValue<int>() == 6
                       && running.Count == 6 && running.All(p => Image(p) == "nginx:1.27")
                       && pods.Count(IsLive) == 6;
            return (done, $"status {status?.ToJsonString()}; pods {Describe(pods)}");
        }, Patience, cluster.Processes);

        var metrics = await cluster.Client.GetTextAsync("/metrics", ct);
        Assert.Contains("gitops_sync_runs_total{source=\"e2e\",result=\"Succeeded\"}", metrics);
        Assert.Contains("gitops_reconcile_duration_seconds_count{controller=\"DeploymentController\"}", metrics);

        await cluster.Agent!.SendLineAsync("stop-heartbeat sim-node-1");

        await Eventually.HoldsAsync("sim-node-1's pods recreated on the other nodes", async token =>
        {
            var node = await cluster.Client.GetAsync("/api/v1/nodes/sim-node-1", token);
            var ready = (node?["status"]?["conditions"] as System.Text.Json.Nodes.JsonArray)?
                .FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Ready")?["status"]?.GetValue<string>();
            var pods = await cluster.Client.ListAsync(podsPath, token);
            var running = Running(pods);
            var moved = ready == "Unknown" && running.Count == 6 && running.All(p => Node(p) != "sim-node-1");
            return (moved, $"sim-node-1 Ready={ready}; pods {Describe(pods)}");
        }, Patience, cluster.Processes);
    }
}
