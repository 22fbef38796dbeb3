using GitOps.Grains.Controllers.Workloads.Deployments;
using GitOps.Grains.Tests.Support;
using GitOps.TestSupport;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class RolloutRestartTests
{
    [Fact]
    public async Task Rollout_interrupted_by_a_restart_resumes_from_postgresql_without_a_second_replica_set()
    {
        var database = await PostgresServer.CreateDatabaseAsync("rollout_restart");
        var v1 = Deployment(replicas: 4, maxSurge: 1, maxUnavailable: 0);
        string oldName;
        await using (var first = await WorkloadScenario.StartAsync(database))
        {
            await first.ApplyAsync(v1);
            await first.Kubelet.MakeReadyAsync("web", 4);
            await first.WaitForCompleteAsync(4);
            oldName = (await first.ReplicaSetsAsync()).Single().Name;

            await first.ApplyAsync(WithImage(v1, "nginx:2"));
            var surge = await ControllerTestHost.EventuallyAsync(() => first.Kubelet.StartingAsync("web"), p => p.Count == 1, "the first surge pod is bound");
            await first.Kubelet.SetReadyAsync(surge[0]);
            await ControllerTestHost.EventuallyAsync(() => first.ReplicaSetsAsync(),
                sets => sets.SingleOrDefault(s => s.Name == oldName)?.Replicas == 3, "the old ReplicaSet is scaled down once");
        }

        await using var second = await WorkloadScenario.StartAsync(database);
        await DeploymentControllerTests.DriveToCompletionAsync(second, 4);

        var sets = await second.ReplicaSetsAsync();
        Assert.Equal(2, sets.Count);
        Assert.Equal(0, sets.Single(s => s.Name == oldName).Replicas);
        var current = sets.Single(s => s.Name != oldName);
        Assert.Equal((4, "2"), (current.AvailableReplicas, current.Metadata.GetAnnotation(DeploymentAnnotations.Revision)));
        Assert.Equal(4, (await second.Kubelet.PodsAsync("web")).Count(p => p.Spec.Containers[0].Image == "nginx:2" && p.IsReady));
    }
}
