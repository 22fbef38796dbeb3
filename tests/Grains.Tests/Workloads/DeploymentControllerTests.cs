using GitOps.Grains.Controllers.Workloads.Deployments;
using GitOps.Grains.Health;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using Xunit.Abstractions;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class DeploymentControllerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deployment_scales_up_and_down_through_one_replica_set()
    {
        await using var scenario = await WorkloadScenario.StartAsync();
        var v1 = Deployment(replicas: 3);
        await scenario.ApplyAsync(v1);
        await scenario.Kubelet.MakeReadyAsync("web", 3);
        await scenario.WaitForCompleteAsync(3);

        await scenario.ApplyAsync(new Deployment(v1.DeepClone()) { Replicas = 5 }.Object);
        await scenario.Kubelet.MakeReadyAsync("web", 5);
        await scenario.WaitForCompleteAsync(5);
        await scenario.ApplyAsync(new Deployment(v1.DeepClone()) { Replicas = 2 }.Object);
        var done = await scenario.WaitForCompleteAsync(2);

        var replicaSet = Assert.Single(await scenario.ReplicaSetsAsync());
        Assert.Equal((2, 2), (replicaSet.Replicas, replicaSet.AvailableReplicas));
        Assert.Equal("1", done.Metadata.GetAnnotation(DeploymentAnnotations.Revision));
        await ControllerTestHost.EventuallyAsync(() => scenario.Kubelet.PodsAsync("web"), pods => pods.Count == 2, "two pods remain");
        Assert.Equal(HealthStatusCode.Healthy, HealthAssessor.Assess(done.Object).Status);
    }

    [Theory]
    [InlineData(4, 1, 1)]
    [InlineData(3, 1, 0)]
    [InlineData(3, 0, 1)]
    public async Task Rolling_update_honours_maxSurge_and_maxUnavailable_at_every_step(int replicas, int maxSurge, int maxUnavailable)
    {
        await using var scenario = await WorkloadScenario.StartAsync();
        var v1 = Deployment(replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable);
        await scenario.ApplyAsync(v1);
        await scenario.Kubelet.MakeReadyAsync("web", replicas);
        await scenario.WaitForCompleteAsync(replicas);

        await scenario.ApplyAsync(WithImage(v1, "nginx:2"));
        for (var step = 0; step < 50; step++)
        {
            var (pods, starting, complete) = await ControllerTestHost.EventuallyAsync(async () =>
            {
                var deployment = await scenario.DeploymentAsync();
                var all = await scenario.Kubelet.PodsAsync("web");
                var done = deployment.ObservedGeneration >= deployment.Metadata.Generation && deployment.UpdatedReplicas == replicas && deployment.AvailableReplicas == replicas
                    && deployment.StatusReplicas == replicas && all.Count(p => !p.IsBeingDeleted && p.Spec.Containers[0].Image == "nginx:2") == replicas;
                return (all, await scenario.Kubelet.StartingAsync("web"), done);
            }, s => s.Item2.Count > 0 || s.Item3, "a new pod is waiting to become ready, or the rollout is done");

            var active = pods.Where(p => !p.IsBeingDeleted).ToArray();
            output.WriteLine($"step {step}: " + string.Join(" ", pods.Select(p => $"{p.Name}:{p.Spec.Containers[0].Image}:{(p.IsReady ? "R" : "-")}:{p.NodeName}")));
            output.WriteLine("  sets: " + string.Join(" ", (await scenario.ReplicaSetsAsync()).Select(r => $"{r.Name}:{r.Replicas}/{r.StatusReplicas}/{r.AvailableReplicas}/g{r.Metadata.Generation}/o{r.ObservedGeneration}")));
            Assert.True(active.Length <= replicas + maxSurge, $"step {step}: {active.Length} pods exceed {replicas}+{maxSurge}");
            Assert.True(active.Count(p => p.IsReady) >= replicas - maxUnavailable, $"step {step}: fewer than {replicas}-{maxUnavailable} available");
            if (complete)
                break;
            await scenario.Kubelet.SetReadyAsync(starting[0]);
        }

        var finished = await scenario.WaitForCompleteAsync(replicas);
        Assert.Equal("2", finished.Metadata.GetAnnotation(DeploymentAnnotations.Revision));
        var sets = await scenario.ReplicaSetsAsync();
        Assert.Equal(2, sets.Count);
        Assert.Equal(0, sets.Single(s => s.Metadata.GetAnnotation(DeploymentAnnotations.Revision) == "1").Replicas);
        Assert.All(await scenario.Kubelet.PodsAsync("web"), p => Assert.Equal("nginx:2", p.Spec.Containers[0].Image));
        Assert.Contains(await scenario.Host.ListAsync("", "Event"), e => new Event(e).Reason == "ScalingReplicaSet");
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_starting_new_ones()
    {
        await using var scenario = await WorkloadScenario.StartAsync();
        var v1 = Deployment(replicas: 3, strategy: Model.Kinds.Deployment.StrategyRecreate);
        await scenario.ApplyAsync(v1);
        await scenario.Kubelet.MakeReadyAsync("web", 3);
        await scenario.WaitForCompleteAsync(3);

        await scenario.ApplyAsync(WithImage(v1, "nginx:2"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var images = (await scenario.Kubelet.PodsAsync("web")).Select(p => p.Spec.Containers[0].Image).Distinct().ToArray();
            Assert.True(images.Length <= 1, $"old and new pods ran together: {string.Join(", ", images)}");
            if (images is ["nginx:2"])
                break;
            await Task.Delay(20);
        }
        await scenario.Kubelet.MakeReadyAsync("web", 3);
        await scenario.WaitForCompleteAsync(3);
        Assert.All(await scenario.Kubelet.PodsAsync("web"), p => Assert.Equal("nginx:2", p.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task Rollout_that_makes_no_progress_exceeds_its_deadline_and_is_degraded()
    {
        await using var scenario = await WorkloadScenario.StartAsync();
        var v1 = Deployment(replicas: 2, maxSurge: 1, maxUnavailable: 0, progressDeadlineSeconds: 2);
        await scenario.ApplyAsync(v1);
        await scenario.Kubelet.MakeReadyAsync("web", 2);
        await scenario.WaitForCompleteAsync(2);

        await scenario.ApplyAsync(WithImage(v1, "nginx:broken"));

        var stuck = await ControllerTestHost.EventuallyAsync(() => scenario.DeploymentAsync(),
            d => d.GetCondition(DeploymentConditionTypes.Progressing)?.Reason == DeploymentConditionTypes.ReasonProgressDeadlineExceeded,
            "the Deployment reports ProgressDeadlineExceeded", TimeSpan.FromSeconds(15));
        Assert.True(stuck.GetCondition(DeploymentConditionTypes.Progressing)!.IsFalse);
        Assert.Equal(HealthStatusCode.Degraded, HealthAssessor.Assess(stuck.Object).Status);
        Assert.Equal(2, (await scenario.Kubelet.PodsAsync("web")).Count(p => p.IsReady && p.Spec.Containers[0].Image == "nginx:1"));
    }

    [Fact]
    public async Task Reverting_the_template_in_git_reuses_the_old_replica_set()
    {
        await using var scenario = await WorkloadScenario.StartAsync();
        var v1 = Deployment(replicas: 2);
        await scenario.ApplyAsync(v1);
        await scenario.Kubelet.MakeReadyAsync("web", 2);
        await scenario.WaitForCompleteAsync(2);
        var first = Assert.Single(await scenario.ReplicaSetsAsync());
        await scenario.ApplyAsync(WithImage(v1, "nginx:2"));
        await DriveToCompletionAsync(scenario, 2);

        await scenario.ApplyAsync(v1);
        await DriveToCompletionAsync(scenario, 2);

        var sets = await scenario.ReplicaSetsAsync();
        Assert.Equal(2, sets.Count);
        var reused = sets.Single(s => s.Name == first.Name);
        Assert.Equal(first.Metadata.Uid, reused.Metadata.Uid);
        Assert.Equal(("3", 2), (reused.Metadata.GetAnnotation(DeploymentAnnotations.Revision), reused.Replicas));
        Assert.Equal("3", (await scenario.DeploymentAsync()).Metadata.GetAnnotation(DeploymentAnnotations.Revision));
    }

    /// <summary>Makes pods ready as they appear until the rollout completes.</summary>
    internal static async Task DriveToCompletionAsync(WorkloadScenario scenario, int replicas)
    {
        await ControllerTestHost.EventuallyAsync(async () =>
        {
            foreach (var pod in await scenario.Kubelet.StartingAsync("web"))
                await scenario.Kubelet.SetReadyAsync(pod);
            var d = await scenario.DeploymentAsync();
            return d.ObservedGeneration >= d.Metadata.Generation && d.UpdatedReplicas == replicas && d.StatusReplicas == replicas && d.AvailableReplicas == replicas
                && d.GetCondition(DeploymentConditionTypes.Progressing)?.Reason == DeploymentConditionTypes.ReasonNewReplicaSetAvailable;
        }, done => done, $"the rollout of {replicas} replicas completes");
    }
}
