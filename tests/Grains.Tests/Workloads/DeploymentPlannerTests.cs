using GitOps.Grains.Controllers.Workloads.Deployments;
using GitOps.Model.Kinds;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class DeploymentPlannerTests
{
    [Fact]
    public void New_deployment_creates_one_replica_set_named_by_its_template_hash_at_revision_1()
    {
        var deployment = Deployment(replicas: 3);

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(deployment, [], []), Now);

        var create = Assert.IsType<CreateReplicaSet>(plan.Actions[0]);
        var hash = PodTemplateHash.Compute(new Deployment(deployment.DeepClone()).Template.Node, null);
        Assert.Equal($"web-{hash}", create.Name);
        Assert.Equal(3, create.Replicas);
        Assert.Equal(1, create.Revision);
        var replicaSet = new ReplicaSet(create.ReplicaSet);
        Assert.Equal(hash, replicaSet.Template.Labels[WellKnownLabels.PodTemplateHash]);
        Assert.True(replicaSet.Selector!.Matches(new Dictionary<string, string> { ["app"] = "web", [WellKnownLabels.PodTemplateHash] = hash }));
        Assert.False(replicaSet.Selector!.Matches(new Dictionary<string, string> { ["app"] = "web" }));
        Assert.Equal("uid-web", replicaSet.Metadata.ControllerReference?.Uid);
        Assert.Equal(new SetDeploymentRevision(1), plan.Actions[1]);
        Assert.Equal(2, plan.Actions.Count);
        Assert.Equal(DeploymentConditionTypes.ReasonNewReplicaSetCreated, Condition(plan.StatusUpdate, DeploymentConditionTypes.Progressing)?.Reason);
        Assert.Contains(plan.Events, e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled up replica set web-{hash} from 0 to 3");
    }

    [Fact]
    public void Template_hash_is_stable_and_ignores_key_order()
    {
        var a = System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"labels":{"app":"web","tier":"fe"}},"spec":{"containers":[{"name":"c","image":"x"}]}}""")!.AsObject();
        var b = System.Text.Json.Nodes.JsonNode.Parse("""{"spec":{"containers":[{"image":"x","name":"c"}]},"metadata":{"labels":{"tier":"fe","app":"web"}}}""")!.AsObject();

        Assert.Equal(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(b, null));
        Assert.NotEqual(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(a, 1));
        Assert.True(PodTemplateHash.EqualIgnoringHash(a, b));
    }

    [Fact]
    public void Template_hash_reads_an_explicit_null_as_absent_so_rollout_undo_finds_the_old_replica_set()
    {
        var original = System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"labels":{"app":"web","pod-template-hash":"abc"}},"spec":{"containers":[{"name":"c","image":"x"}]}}""")!.AsObject();
        var undone = System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"x"}]}}""")!.AsObject();

        Assert.Equal(PodTemplateHash.Compute(original, null), PodTemplateHash.Compute(undone, null));
        Assert.True(PodTemplateHash.EqualIgnoringHash(original, undone));
    }

    [Fact]
    public void Changed_template_creates_a_surge_replica_set_and_keeps_old_pods_when_maxUnavailable_is_zero()
    {
        var v1 = Deployment(replicas: 3, maxSurge: 1, maxUnavailable: 0);
        var old = ReplicaSetFor(v1, replicas: 3, available: 3, revision: 1);
        var v2 = WithImage(v1, "nginx:2");

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(v2, [old], []), Now);

        var create = Assert.Single(plan.Actions.OfType<CreateReplicaSet>());
        Assert.Equal((1, 2L), (create.Replicas, create.Revision));
        Assert.DoesNotContain(plan.Actions, a => a is ScaleReplicaSet);
        Assert.Contains(new SetDeploymentRevision(2), plan.Actions);
    }

    [Fact]
    public void Old_replica_set_scales_down_only_as_new_pods_become_available()
    {
        var v1 = Deployment(replicas: 3, maxSurge: 1, maxUnavailable: 0);
        var v2 = WithImage(v1, "nginx:2");
        var old = ReplicaSetFor(v1, replicas: 3, available: 3, revision: 1, ageMinutes: 60);
        var waiting = ReplicaSetFor(v2, replicas: 1, available: 0, revision: 2, ageMinutes: 1);
        var ready = ReplicaSetFor(v2, replicas: 1, available: 1, revision: 2, ageMinutes: 1);

        var whileWaiting = DeploymentPlanner.Plan(new DeploymentSnapshot(v2, [old, waiting], []), Now);
        var onceReady = DeploymentPlanner.Plan(new DeploymentSnapshot(v2, [old, ready], []), Now);

        Assert.DoesNotContain(whileWaiting.Actions, a => a is ScaleReplicaSet or CreateReplicaSet);
        Assert.Equal([new ScaleReplicaSet(old.Metadata.Name!, 3, 2)], onceReady.Actions.OfType<ScaleReplicaSet>());
    }

    [Fact]
    public void Surge_is_rounded_up_and_unavailable_down_from_percentages()
    {
        var limits = RolloutLimits.Resolve(new Deployment(Deployment(replicas: 10, maxSurge: "25%", maxUnavailable: "25%")));
        Assert.Equal((3, 2), (limits.MaxSurge, limits.MaxUnavailable));

        var small = RolloutLimits.Resolve(new Deployment(Deployment(replicas: 1, maxSurge: "10%", maxUnavailable: "10%")));
        Assert.Equal((1, 0), (small.MaxSurge, small.MaxUnavailable));
    }

    [Fact]
    public void Both_maxSurge_and_maxUnavailable_zero_is_reported_and_nothing_is_done()
    {
        var deployment = Deployment(replicas: 3, maxSurge: 0, maxUnavailable: 0);

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(deployment, [], []), Now);

        Assert.Empty(plan.Actions);
        var failure = Condition(plan.StatusUpdate, DeploymentConditionTypes.ReplicaFailure);
        Assert.NotNull(failure);
        Assert.Contains("must not both be 0", failure.Message);
    }

    [Fact]
    public void Recreate_scales_old_to_zero_then_waits_for_its_pods_then_creates_the_new_replica_set()
    {
        var v1 = Deployment(replicas: 3, strategy: "Recreate");
        var v2 = WithImage(v1, "nginx:2");
        var running = ReplicaSetFor(v1, replicas: 3, available: 3, revision: 1);
        var drained = ReplicaSetFor(v1, replicas: 0, available: 0, revision: 1);
        var terminatingPod = Pod(drained, "web-old-1", terminating: true);

        var first = DeploymentPlanner.Plan(new DeploymentSnapshot(v2, [running], []), Now);
        var waiting = DeploymentPlanner.Plan(new DeploymentSnapshot(v2, [drained], [terminatingPod]), Now);
        var gone = DeploymentPlanner.Plan(new DeploymentSnapshot(v2, [drained], []), Now);

        Assert.Equal([new ScaleReplicaSet(running.Metadata.Name!, 3, 0)], first.Actions);
        Assert.Empty(waiting.Actions);
        var create = Assert.Single(gone.Actions.OfType<CreateReplicaSet>());
        Assert.Equal((3, 2L), (create.Replicas, create.Revision));
    }

    [Fact]
    public void Reverting_the_template_reuses_the_old_replica_set_as_the_newest_revision()
    {
        var v1 = Deployment(replicas: 3, maxSurge: 1, maxUnavailable: 0);
        var v2 = WithImage(v1, "nginx:2");
        var first = ReplicaSetFor(v1, replicas: 0, available: 0, revision: 1, ageMinutes: 60);
        var second = ReplicaSetFor(v2, replicas: 3, available: 3, revision: 2, ageMinutes: 30);
        var reverted = WithImage(v2, "nginx:1");

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(reverted, [first, second], []), Now);

        Assert.DoesNotContain(plan.Actions, a => a is CreateReplicaSet);
        Assert.Contains(new SetReplicaSetRevision(first.Metadata.Name!, 3), plan.Actions);
        Assert.Contains(new SetDeploymentRevision(3), plan.Actions);
        Assert.Contains(new ScaleReplicaSet(first.Metadata.Name!, 0, 1), plan.Actions);
    }

    [Fact]
    public void Progress_deadline_exceeded_marks_progressing_false()
    {
        var v1 = Deployment(replicas: 3, maxSurge: 1, maxUnavailable: 0, progressDeadlineSeconds: 60);
        var v2 = new Deployment(WithImage(v1, "nginx:2"));
        var old = ReplicaSetFor(v1, replicas: 3, available: 3, revision: 1, ageMinutes: 60);
        var stuck = ReplicaSetFor(v2.Object, replicas: 1, available: 0, revision: 2, ageMinutes: 5);
        v2.ObservedGeneration = 2;
        v2.StatusReplicas = 4;
        v2.UpdatedReplicas = 1;
        v2.AvailableReplicas = 3;
        v2.ReadyReplicas = 3;
        v2.SetCondition(new Condition(DeploymentConditionTypes.Progressing, ConditionStatus.True, DeploymentConditionTypes.ReasonReplicaSetUpdated,
            "ReplicaSet is progressing.", LastUpdateTime: Now.AddSeconds(-61)), Now.AddSeconds(-61));

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(v2.Object, [old, stuck], []), Now);
        var earlier = DeploymentPlanner.Plan(new DeploymentSnapshot(v2.Object, [old, stuck], []), Now.AddSeconds(-30));

        var progressing = Condition(plan.StatusUpdate, DeploymentConditionTypes.Progressing);
        Assert.Equal((ConditionStatus.False, DeploymentConditionTypes.ReasonProgressDeadlineExceeded), (progressing?.Status, progressing?.Reason));
        Assert.Contains($"\"{stuck.Metadata.Name}\" has timed out progressing", progressing?.Message);
        Assert.NotEqual(DeploymentConditionTypes.ReasonProgressDeadlineExceeded, Condition(earlier.StatusUpdate ?? v2.Object, DeploymentConditionTypes.Progressing)?.Reason);
        Assert.NotNull(earlier.RequeueAfter);
    }

    [Fact]
    public void Completed_rollout_reports_new_replica_set_available_and_trims_history()
    {
        var v1 = Deployment(replicas: 2, revisionHistoryLimit: 1);
        var v2 = WithImage(v1, "nginx:2");
        var v3 = new Deployment(WithImage(v2, "nginx:3"));
        v3.ObservedGeneration = v3.Metadata.Generation;
        var oldest = ReplicaSetFor(v1, replicas: 0, available: 0, revision: 1, ageMinutes: 90);
        var older = ReplicaSetFor(v2, replicas: 0, available: 0, revision: 2, ageMinutes: 60);
        var current = ReplicaSetFor(v3.Object, replicas: 2, available: 2, revision: 3, ageMinutes: 30);
        v3.Metadata.SetAnnotation(DeploymentAnnotations.Revision, "3");

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(v3.Object, [oldest, older, current], []), Now);

        Assert.Equal([new DeleteReplicaSet(oldest.Metadata.Name!)], plan.Actions);
        var progressing = Condition(plan.StatusUpdate, DeploymentConditionTypes.Progressing);
        Assert.Equal(DeploymentConditionTypes.ReasonNewReplicaSetAvailable, progressing?.Reason);
        Assert.Equal(ConditionStatus.True, Condition(plan.StatusUpdate, DeploymentConditionTypes.Available)?.Status);
        Assert.Equal(2, StatusField(plan.StatusUpdate!, "availableReplicas"));
        Assert.Equal(2, StatusField(plan.StatusUpdate!, "updatedReplicas"));
    }

    [Fact]
    public void Paused_deployment_rolls_nothing_out_but_follows_replicas()
    {
        var v1 = Deployment(replicas: 3);
        var current = ReplicaSetFor(v1, replicas: 3, available: 3, revision: 1);
        var pausedNewTemplate = new Deployment(WithImage(v1, "nginx:2")) { Paused = true, Replicas = 5 };

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(pausedNewTemplate.Object, [current], []), Now);

        Assert.Equal([new ScaleReplicaSet(current.Metadata.Name!, 3, 5)], plan.Actions);
        Assert.Equal(DeploymentConditionTypes.ReasonDeploymentPaused, Condition(plan.StatusUpdate, DeploymentConditionTypes.Progressing)?.Reason);
    }

    [Fact]
    public void Orphan_replica_set_matching_the_selector_is_adopted_and_foreign_ones_are_left_alone()
    {
        var deployment = Deployment(replicas: 1);
        var orphan = ReplicaSetFor(deployment, replicas: 1, available: 1, revision: 1);
        orphan.Metadata.SetOwnerReferences([]);
        var foreign = ReplicaSetFor(WithImage(deployment, "other"), replicas: 1, available: 1, revision: 1);
        foreign.Metadata.SetOwnerReferences([new GitOps.Model.Objects.OwnerReference("apps/v1", "Deployment", "other", "uid-other", Controller: true)]);

        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(deployment, [orphan, foreign], []), Now);

        Assert.Contains(new AdoptReplicaSet(orphan.Metadata.Name!), plan.Actions);
        Assert.DoesNotContain(plan.Actions, a => a is CreateReplicaSet or ScaleReplicaSet or DeleteReplicaSet);
    }

    [Fact]
    public void Existing_replica_set_of_another_template_under_the_wanted_name_is_a_collision()
    {
        var deployment = Deployment();
        var same = ReplicaSetFor(deployment, 1, 1, 1);
        var other = ReplicaSetFor(WithImage(deployment, "x"), 1, 1, 1);

        Assert.False(DeploymentPlanner.IsHashCollision(deployment, same));
        Assert.True(DeploymentPlanner.IsHashCollision(deployment, other));
    }
}
