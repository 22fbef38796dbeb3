using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Grains.Controllers.Workloads.ReplicaSets;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class ReplicaSetPlannerTests
{
    private static readonly KubeObject Owner = ReplicaSetFor(Deployment(), replicas: 3, available: 0, revision: 1);

    private static ReplicaSet WithReplicas(int replicas, int minReadySeconds = 0) =>
        new(Owner.DeepClone()) { Replicas = replicas, MinReadySeconds = minReadySeconds };

    [Fact]
    public void Missing_pods_are_created_up_to_the_burst()
    {
        var pods = new[] { Pod(Owner, "a") };

        Assert.Equal(2, ReplicaSetPlanner.Plan(WithReplicas(3), pods, Now, burst: 500).CreateCount);
        Assert.Equal(500, ReplicaSetPlanner.Plan(WithReplicas(1000), [], Now, burst: 500).CreateCount);
    }

    [Fact]
    public void Terminating_and_finished_pods_do_not_count()
    {
        var pods = new[] { Pod(Owner, "a"), Pod(Owner, "b", terminating: true), Pod(Owner, "c", phase: PodPhase.Failed, ready: false) };

        var plan = ReplicaSetPlanner.Plan(WithReplicas(3), pods, Now, 500);

        Assert.Equal(2, plan.CreateCount);
        Assert.Equal(1, plan.Counts.Replicas);
    }

    [Fact]
    public void Scale_down_deletes_unscheduled_then_pending_then_not_ready_then_newest_pods_first()
    {
        var pods = new[]
        {
            Pod(Owner, "ready-old", ageMinutes: 60),
            Pod(Owner, "ready-new", ageMinutes: 5, readySince: Now.AddMinutes(-5)),
            Pod(Owner, "not-ready", ready: false),
            Pod(Owner, "pending", phase: PodPhase.Pending, ready: false),
            Pod(Owner, "unscheduled", node: null, phase: PodPhase.Pending, ready: false),
        };

        var plan = ReplicaSetPlanner.Plan(WithReplicas(1), pods, Now, 500);

        Assert.Equal(["unscheduled", "pending", "not-ready", "ready-new"], plan.Delete.Select(p => p.Name));
        Assert.Equal(0, plan.CreateCount);
    }

    [Fact]
    public void Orphans_matching_the_selector_are_adopted_and_pods_of_other_controllers_ignored()
    {
        var orphan = Pod(Owner, "orphan");
        orphan.Metadata.SetOwnerReferences([]);
        var foreign = Pod(Owner, "foreign");
        foreign.Metadata.SetOwnerReferences([new OwnerReference("apps/v1", "ReplicaSet", "other", "uid-other", Controller: true)]);
        var relabelled = Pod(Owner, "relabelled");
        relabelled.Metadata.SetLabel(WellKnownLabels.PodTemplateHash, "something-else");

        var plan = ReplicaSetPlanner.Plan(WithReplicas(1), [orphan, foreign, relabelled], Now, 500);

        Assert.Equal(["orphan"], plan.Adopt.Select(p => p.Metadata.Name));
        Assert.Equal(["relabelled"], plan.Release.Select(p => p.Metadata.Name));
        Assert.Equal((0, 0), (plan.CreateCount, plan.Delete.Count));
    }

    [Fact]
    public void Available_replicas_honour_min_ready_seconds_and_ask_to_look_again()
    {
        var pods = new[]
        {
            Pod(Owner, "long-ready", readySince: Now.AddSeconds(-30)),
            Pod(Owner, "just-ready", readySince: Now.AddSeconds(-4)),
            Pod(Owner, "not-ready", ready: false),
        };

        var plan = ReplicaSetPlanner.Plan(WithReplicas(3, minReadySeconds: 10), pods, Now, 500);

        Assert.Equal(new ReplicaSetCounts(3, 3, 2, 1), plan.Counts);
        Assert.Equal(TimeSpan.FromSeconds(6), plan.RequeueAfter);
    }

    [Fact]
    public void Selector_that_does_not_select_the_template_creates_nothing()
    {
        var broken = WithReplicas(3);
        broken.Template.Metadata.SetLabel("app", "something-else");

        Assert.Equal(0, ReplicaSetPlanner.Plan(broken, [], Now, 500).CreateCount);
    }

    [Fact]
    public void Status_is_stable_for_the_same_counts_and_records_create_failures()
    {
        var replicaSet = WithReplicas(1);
        var counts = new ReplicaSetCounts(1, 1, 1, 1);

        var first = ReplicaSetStatus.Build(replicaSet, counts, null, Now);
        var reported = new ReplicaSet(replicaSet.Object.DeepClone());
        reported.Object.Status = (System.Text.Json.Nodes.JsonObject)first.DeepClone();
        var again = ReplicaSetStatus.Build(reported, counts, null, Now);
        var failed = ReplicaSetStatus.Build(reported, counts, "pods \"web-x\" already exists", Now);

        Assert.Equal(1, first.GetInt("availableReplicas"));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(first, again), $"{first.ToJsonString()} became {again.ToJsonString()}");
        Assert.Equal(ConditionStatus.True, Conditions.Get(failed, DeploymentConditionTypes.ReplicaFailure)?.Status);
        Assert.Null(Conditions.Get(first, DeploymentConditionTypes.ReplicaFailure));
    }

    [Fact]
    public void Pods_are_built_from_the_template_with_a_controller_reference_and_a_generated_name()
    {
        var replicaSet = new ReplicaSet(Owner.DeepClone());
        var name = PodFactory.NewName(replicaSet.Object);

        var pod = new Pod(PodFactory.FromTemplate(replicaSet.Object, replicaSet.Template, name));

        Assert.Matches($"^{replicaSet.Name}-[{GeneratedNames.Alphabet}]{{5}}$", name);
        Assert.Equal(replicaSet.Template.Labels, pod.Metadata.Labels);
        Assert.Equal(replicaSet.Metadata.Uid, pod.Metadata.ControllerReference?.Uid);
        Assert.Equal("nginx:1", pod.Spec.Containers[0].Image);
        Assert.NotSame(replicaSet.Template.Spec.Node, pod.Object.Spec);
    }
}
