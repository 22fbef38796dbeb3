using GitOps.Grains.Health;
using GitOps.Model.Objects;

namespace GitOps.Grains.Tests.Health;

public sealed class HealthAssessorTests
{
    private static KubeObject Parse(string json) => KubeObject.FromJson(json);

    [Fact]
    public void Absent_object_is_missing() =>
        Assert.Equal(HealthStatusCode.Missing, HealthAssessor.Assess(null).Status);

    [Fact]
    public void Object_being_deleted_is_progressing()
    {
        var pod = Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","deletionTimestamp":"2026-01-01T00:00:00Z"},"status":{"phase":"Running"}}""");
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Pending deletion"), HealthAssessor.Assess(pod));
    }

    [Fact]
    public void Paused_deployment_is_suspended() =>
        Assert.Equal(HealthStatusCode.Suspended, HealthAssessor.Assess(Deployment(paused: true)).Status);

    [Fact]
    public void Deployment_not_yet_observed_is_progressing() =>
        Assert.Equal(HealthStatusCode.Progressing, HealthAssessor.Assess(Deployment(generation: 3, observed: 2)).Status);

    [Fact]
    public void Deployment_past_its_progress_deadline_is_degraded()
    {
        var health = HealthAssessor.Assess(Deployment(progressingReason: "ProgressDeadlineExceeded", updated: 1));
        Assert.Equal(HealthStatusCode.Degraded, health.Status);
        Assert.Contains("\"web\" exceeded its progress deadline", health.Message);
    }

    [Fact]
    public void Deployment_that_cannot_create_its_replicas_is_degraded()
    {
        var deployment = Deployment(updated: 1);
        deployment.Status!["conditions"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse(
            """{"type":"ReplicaFailure","status":"True","reason":"InvalidSpec","message":"maxSurge and maxUnavailable must not both be 0"}"""));

        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "maxSurge and maxUnavailable must not both be 0"), HealthAssessor.Assess(deployment));
    }

    [Theory]
    [InlineData(3, 3, 1, 1, "1 out of 3 new replicas have been updated")]
    [InlineData(4, 3, 3, 3, "1 old replicas are pending termination")]
    [InlineData(3, 3, 3, 2, "2 of 3 updated replicas are available")]
    public void Deployment_mid_rollout_is_progressing(int current, int replicas, int updated, int available, string expected)
    {
        var health = HealthAssessor.Assess(Deployment(replicas: replicas, current: current, updated: updated, available: available));
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
        Assert.Contains(expected, health.Message);
    }

    [Fact]
    public void Deployment_with_all_replicas_updated_and_available_is_healthy() =>
        Assert.Equal(HealthStatusCode.Healthy, HealthAssessor.Assess(Deployment()).Status);

    [Fact]
    public void ReplicaSet_short_of_available_replicas_is_progressing_and_with_replica_failure_degraded()
    {
        var progressing = Parse("""{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"rs","generation":1},"spec":{"replicas":3},"status":{"observedGeneration":1,"availableReplicas":1}}""");
        var failing = Parse("""{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"rs","generation":1},"spec":{"replicas":3},"status":{"observedGeneration":1,"conditions":[{"type":"ReplicaFailure","status":"True","message":"pods \"x\" is forbidden: exceeded quota"}]}}""");
        Assert.Equal(HealthStatusCode.Progressing, HealthAssessor.Assess(progressing).Status);
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "pods \"x\" is forbidden: exceeded quota"), HealthAssessor.Assess(failing));
    }

    [Theory]
    [InlineData("""{"phase":"Pending"}""", "Always", HealthStatusCode.Progressing)]
    [InlineData("""{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}""", "Always", HealthStatusCode.Healthy)]
    [InlineData("""{"phase":"Running","conditions":[{"type":"Ready","status":"False"}]}""", "Always", HealthStatusCode.Progressing)]
    [InlineData("""{"phase":"Running","conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[{"name":"c","lastState":{"terminated":{"exitCode":1}}}]}""", "Always", HealthStatusCode.Degraded)]
    [InlineData("""{"phase":"Running","containerStatuses":[{"name":"c","state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 10s"}}}]}""", "Always", HealthStatusCode.Degraded)]
    [InlineData("""{"phase":"Pending","containerStatuses":[{"name":"c","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}""", "Never", HealthStatusCode.Progressing)]
    [InlineData("""{"phase":"Running"}""", "OnFailure", HealthStatusCode.Progressing)]
    [InlineData("""{"phase":"Succeeded"}""", "Never", HealthStatusCode.Healthy)]
    [InlineData("""{"phase":"Failed"}""", "Never", HealthStatusCode.Degraded)]
    [InlineData("""{}""", "Always", HealthStatusCode.Unknown)]
    public void Pod_health_follows_phase_readiness_and_container_states(string status, string restartPolicy, HealthStatusCode expected)
    {
        var pod = Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"restartPolicy":"@0"},"status":@1}""".Replace("@0", restartPolicy).Replace("@1", status));
        Assert.Equal(expected, HealthAssessor.Assess(pod).Status);
    }

    [Fact]
    public void Failed_pod_reports_the_failing_container_exit_code()
    {
        var pod = Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"restartPolicy":"Never"},"status":{"phase":"Failed","containerStatuses":[{"name":"main","state":{"terminated":{"exitCode":3}}}]}}""");
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "container \"main\" failed with exit code 3"), HealthAssessor.Assess(pod));
    }

    [Theory]
    [InlineData("""[{"type":"Complete","status":"True","message":"done"}]""", HealthStatusCode.Healthy)]
    [InlineData("""[{"type":"Failed","status":"True","message":"BackoffLimitExceeded"}]""", HealthStatusCode.Degraded)]
    [InlineData("""[{"type":"Suspended","status":"True"}]""", HealthStatusCode.Suspended)]
    [InlineData("""[]""", HealthStatusCode.Progressing)]
    public void Job_health_follows_its_conditions(string conditions, HealthStatusCode expected)
    {
        var job = Parse("""{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"status":{"conditions":@0}}""".Replace("@0", conditions));
        Assert.Equal(expected, HealthAssessor.Assess(job).Status);
    }

    [Theory]
    [InlineData("ClusterIP", "{}", HealthStatusCode.Healthy)]
    [InlineData("LoadBalancer", "{}", HealthStatusCode.Progressing)]
    [InlineData("LoadBalancer", """{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}""", HealthStatusCode.Healthy)]
    public void Service_is_healthy_unless_a_load_balancer_waits_for_an_address(string type, string status, HealthStatusCode expected)
    {
        var service = Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"@0"},"status":@1}""".Replace("@0", type).Replace("@1", status));
        Assert.Equal(expected, HealthAssessor.Assess(service).Status);
    }

    [Theory]
    [InlineData("Bound", HealthStatusCode.Healthy)]
    [InlineData("Pending", HealthStatusCode.Progressing)]
    [InlineData("Lost", HealthStatusCode.Degraded)]
    [InlineData("", HealthStatusCode.Unknown)]
    public void PersistentVolumeClaim_health_follows_its_phase(string phase, HealthStatusCode expected)
    {
        var claim = Parse("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"status":{"phase":"@0"}}""".Replace("@0", phase));
        Assert.Equal(expected, HealthAssessor.Assess(claim).Status);
    }

    [Theory]
    [InlineData("True", false, HealthStatusCode.Healthy)]
    [InlineData("True", true, HealthStatusCode.Suspended)]
    [InlineData("False", false, HealthStatusCode.Degraded)]
    [InlineData("Unknown", false, HealthStatusCode.Degraded)]
    public void Node_health_follows_its_ready_condition(string ready, bool cordoned, HealthStatusCode expected)
    {
        var node = Parse("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"n"},"spec":{"unschedulable":@0},"status":{"conditions":[{"type":"Ready","status":"@1"}]}}""".Replace("@0", (cordoned ? "true" : "false")).Replace("@1", ready));
        Assert.Equal(expected, HealthAssessor.Assess(node).Status);
    }

    [Fact]
    public void Kinds_without_a_rule_are_healthy_once_they_exist()
    {
        var configMap = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"b"}}""");
        Assert.Equal(HealthStatusCode.Healthy, HealthAssessor.Assess(configMap).Status);
    }

    [Fact]
    public void Roll_up_takes_the_least_healthy_in_Argo_CD_order()
    {
        Assert.Equal(HealthStatusCode.Healthy, HealthAssessor.Worst([]));
        Assert.Equal(HealthStatusCode.Progressing, HealthAssessor.Worst([HealthStatusCode.Healthy, HealthStatusCode.Suspended, HealthStatusCode.Progressing]));
        Assert.Equal(HealthStatusCode.Degraded, HealthAssessor.Worst([HealthStatusCode.Missing, HealthStatusCode.Degraded, HealthStatusCode.Healthy]));
        Assert.Equal(HealthStatusCode.Missing, HealthAssessor.Worst([HealthStatusCode.Progressing, HealthStatusCode.Missing]));
    }

    private static KubeObject Deployment(
        bool paused = false, long generation = 1, long observed = 1, int replicas = 3, int current = 3,
        int updated = 3, int available = 3, string progressingReason = "NewReplicaSetAvailable") =>
        Parse($$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","generation":{{generation}} },
             "spec":{"replicas":{{replicas}},"paused":{{(paused ? "true" : "false")}} },
             "status":{"observedGeneration":{{observed}},"replicas":{{current}},"updatedReplicas":{{updated}},"availableReplicas":{{available}},
               "conditions":[{"type":"Progressing","status":"True","reason":"{{progressingReason}}"}]
             }
            }
            """);
}
