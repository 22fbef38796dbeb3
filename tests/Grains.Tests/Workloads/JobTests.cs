using GitOps.Grains.Controllers.Workloads.Jobs;
using GitOps.Grains.Health;
using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class JobTests
{
    private static KubeObject Job(int completions = 2, int parallelism = 1, int backoffLimit = 6, bool suspend = false)
    {
        var job = KubeObject.FromJson($$"""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate","namespace":"default","uid":"uid-job"},
             "spec":{"completions":{{completions}},"parallelism":{{parallelism}},"backoffLimit":{{backoffLimit}},"suspend":{{(suspend ? "true" : "false")}},
               "template":{"metadata":{"labels":{"app":"migrate"} },"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"migrate:1"}] } }
             }
            }
            """);
        return job;
    }

    private static KubeObject JobPod(KubeObject job, string name, string phase)
    {
        var pod = new Pod(JobPlanner.NewPod(job)) { Phase = phase };
        pod.Metadata.Name = name;
        pod.Metadata.Uid = $"uid-{name}";
        pod.Metadata.CreationTimestamp = Now;
        return pod.Object;
    }

    [Fact]
    public void Job_runs_parallelism_pods_until_completions_succeed()
    {
        var job = Job(completions: 3, parallelism: 2);

        var start = JobPlanner.Plan(job, [], Now, 500);
        var oneDone = JobPlanner.Plan(job, [JobPod(job, "a", PodPhase.Succeeded), JobPod(job, "b", PodPhase.Running)], Now, 500);
        var allDone = JobPlanner.Plan(job, new[] { "a", "b", "c" }.Select(n => JobPod(job, n, PodPhase.Succeeded)), Now, 500);

        Assert.Equal(2, start.CreateCount);
        Assert.Equal(1, oneDone.CreateCount);
        Assert.Equal(0, allDone.CreateCount);
        Assert.Equal(ConditionStatus.True, Conditions.Get(allDone.Status, JobPlanner.ConditionComplete)?.Status);
        Assert.Equal(3, allDone.Status.GetInt("succeeded"));
    }

    [Fact]
    public void Job_fails_once_more_pods_failed_than_the_backoff_limit_and_stops_the_rest()
    {
        var job = Job(completions: 1, backoffLimit: 1);
        var pods = new[] { JobPod(job, "a", PodPhase.Failed), JobPod(job, "b", PodPhase.Failed), JobPod(job, "c", PodPhase.Running) };

        var plan = JobPlanner.Plan(job, pods, Now, 500);

        Assert.Equal(0, plan.CreateCount);
        Assert.Equal(["c"], plan.Delete.Select(p => p.Name));
        Assert.Equal("BackoffLimitExceeded", Conditions.Get(plan.Status, JobPlanner.ConditionFailed)?.Reason);
    }

    [Fact]
    public void Suspended_job_runs_no_pods()
    {
        var job = Job(suspend: true);

        var plan = JobPlanner.Plan(job, [JobPod(job, "a", PodPhase.Running)], Now, 500);

        Assert.Equal((0, 1), (plan.CreateCount, plan.Delete.Count));
        Assert.Equal(ConditionStatus.True, Conditions.Get(plan.Status, JobPlanner.ConditionSuspended)?.Status);
    }

    [Fact]
    public async Task Job_controller_runs_pods_one_after_another_to_completion()
    {
        await using var scenario = await WorkloadScenario.StartAsync();
        var job = Job(completions: 2, parallelism: 1);
        job.Metadata.Uid = null;
        var stored = await scenario.Host.CreateAsync(job);
        var key = ResourceKey.Of(stored);

        for (var done = 0; done < 2; done++)
        {
            var running = await ControllerTestHost.EventuallyAsync(() => JobPodsAsync(scenario, stored),
                pods => pods.Count(p => !p.IsTerminal) == 1, $"pod {done + 1} of the Job runs");
            var pod = running.Single(p => !p.IsTerminal);
            Assert.Equal(stored.Metadata.Uid, pod.Metadata.GetLabel(JobSpec.ControllerUidLabel));
            var current = pod.Object;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var result = await scenario.Host.Grain(ResourceKey.Of(current)).UpdateStatusAsync(new Pod(current.DeepClone()) { Phase = PodPhase.Succeeded }.Object, CancellationToken.None);
                if (result.Outcome != ResourceOutcome.Conflict)
                    break;
                current = result.Object!;
            }
        }

        var complete = await ControllerTestHost.EventuallyAsync(() => scenario.Host.GetAsync(key),
            j => Conditions.Get(j?.Status, JobPlanner.ConditionComplete)?.IsTrue == true, "the Job completes");
        Assert.Equal(2, complete!.Status!.GetInt("succeeded"));
        Assert.Equal(HealthStatusCode.Healthy, HealthAssessor.Assess(complete).Status);
        Assert.Equal(2, (await JobPodsAsync(scenario, stored)).Count);
    }

    private static async Task<IReadOnlyList<Pod>> JobPodsAsync(WorkloadScenario scenario, KubeObject job) =>
        (await scenario.Host.ListAsync("", Model.Kinds.Pod.Kind))
            .Where(p => p.Metadata.ControllerReference?.Uid == job.Metadata.Uid)
            .Select(p => new Pod(p))
            .ToArray();
}
