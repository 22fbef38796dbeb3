using GitOps.Grains.Resources;
using GitOps.GitSync.Tests.Support;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Sync;

/// <summary>Fields the cluster sets inside a Git-declared spec are the cluster's: writable, neither drift nor reverted.</summary>
public sealed class ClusterOwnedFieldsTests
{
    private const string SleeperPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: sleeper
          namespace: jobs
        spec:
          restartPolicy: OnFailure
          containers:
          - name: main
            image: busybox
            command: ["sleep", "3600"]
        """;

    [Fact]
    public async Task A_scheduler_binding_a_Git_declared_pod_is_not_drift_and_survives_the_next_sync()
    {
        await using var scenario = await SyncedSleeperAsync();
        var bound = await ChangePodAsync(scenario, spec => spec["nodeName"] = "node-1");
        Assert.Equal(ResourceOutcome.Updated, bound.Outcome);

        var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        Assert.Empty(status.RecentDrifts);
        Assert.Equal(0, status.LastRun!.DriftRepaired);
        var after = await scenario.Host.GetAsync("", "Pod", "jobs", "sleeper");
        Assert.Equal("node-1", after!.Spec!["nodeName"]!.GetValue<string>());
        Assert.Equal(bound.Object!.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task With_self_heal_on_changing_a_field_Git_declares_in_the_same_spec_is_refused_naming_only_that_field()
    {
        await using var scenario = await SyncedSleeperAsync();

        var refused = await ChangePodAsync(scenario, spec =>
        {
            spec["nodeName"] = "node-1";
            spec["restartPolicy"] = "Never";
        });

        Assert.Equal(ResourceOutcome.Forbidden, refused.Outcome);
        Assert.Contains("spec.restartPolicy", refused.Message);
        Assert.DoesNotContain("spec.nodeName", refused.Message);
    }

    [Fact]
    public async Task With_self_heal_off_changing_a_field_Git_declares_in_the_same_spec_is_drift_and_the_cluster_field_is_not()
    {
        await using var scenario = await SyncedSleeperAsync(selfHeal: false);
        await ChangePodAsync(scenario, spec =>
        {
            spec["nodeName"] = "node-1";
            spec["restartPolicy"] = "Never";
        });

        var status = await scenario.Host.SyncAsync(SyncScenario.SourceName);

        var after = await scenario.Host.GetAsync("", "Pod", "jobs", "sleeper");
        Assert.Equal("node-1", after!.Spec!["nodeName"]!.GetValue<string>());
        Assert.Contains(status.RecentDrifts, d => d.Fields.Contains("spec.restartPolicy") && !d.Fields.Contains("spec.nodeName"));
    }

    private static async Task<SyncScenario> SyncedSleeperAsync(bool selfHeal = true)
    {
        var scenario = await SyncScenario.CreateAsync(repo => repo
            .Write("jobs/namespace.yaml", Namespace("jobs"))
            .Write("jobs/sleeper.yaml", SleeperPod), selfHeal: selfHeal);
        await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        return scenario;
    }

    /// <summary>Another writer's update of the pod's spec (a scheduler binding it, a kubectl edit).</summary>
    private static async Task<ResourceResult> ChangePodAsync(SyncScenario scenario, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var pod = (await scenario.Host.GetAsync("", "Pod", "jobs", "sleeper"))!.DeepClone();
        change(pod.Spec!);
        return await scenario.Host.Grains.GetGrain<IResourceGrain>("/Pod/jobs/sleeper").UpdateAsync(pod, CancellationToken.None);
    }
}
