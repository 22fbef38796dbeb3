using GitOps.Model.Objects;
using static GitOps.Grains.Health.StatusFields;

namespace GitOps.Grains.Health;

/// <summary>Health of the apps/v1 workloads, following <c>kubectl rollout status</c> as Argo CD does.</summary>
internal static class WorkloadHealth
{
    public static HealthStatus Deployment(KubeObject deployment)
    {
        var spec = deployment.Spec;
        var status = deployment.Status;
        if (Bool(spec, "paused"))
            return HealthStatus.Suspended("Deployment is paused");
        if (!HasObservedGeneration(deployment))
            return HealthStatus.Progressing("Waiting for rollout to finish: observed deployment generation less than desired generation");

        var replicas = Long(spec, "replicas") ?? 1;
        var updated = Long(status, "updatedReplicas") ?? 0;
        var current = Long(status, "replicas") ?? 0;
        var available = Long(status, "availableReplicas") ?? 0;
        if (Condition(status, "Progressing") is { Reason: "ProgressDeadlineExceeded" })
            return HealthStatus.Degraded($"Deployment \"{deployment.Metadata.Name}\" exceeded its progress deadline");
        // Beyond Argo CD: a Deployment whose pods cannot be created (or whose spec cannot be rolled
        // out) will not get better by waiting, so it is Degraded rather than Progressing.
        if (Condition(status, "ReplicaFailure") is { Status: "True" } failure)
            return HealthStatus.Degraded(failure.Message.Length > 0 ? failure.Message : $"Deployment \"{deployment.Metadata.Name}\" cannot create its replicas");
        if (updated < replicas)
            return HealthStatus.Progressing($"Waiting for rollout to finish: {updated} out of {replicas} new replicas have been updated...");
        if (current > updated)
            return HealthStatus.Progressing($"Waiting for rollout to finish: {current - updated} old replicas are pending termination...");
        if (available < updated)
            return HealthStatus.Progressing($"Waiting for rollout to finish: {available} of {updated} updated replicas are available...");
        return HealthStatus.Healthy();
    }

    public static HealthStatus ReplicaSet(KubeObject replicaSet)
    {
        var status = replicaSet.Status;
        if (!HasObservedGeneration(replicaSet))
            return HealthStatus.Progressing("Waiting for rollout to finish: observed replica set generation less than desired generation");
        if (Condition(status, "ReplicaFailure") is { Status: "True" } failure)
            return HealthStatus.Degraded(failure.Message);

        var replicas = Long(replicaSet.Spec, "replicas") ?? 1;
        var available = Long(status, "availableReplicas") ?? 0;
        if (available < replicas)
            return HealthStatus.Progressing($"Waiting for rollout to finish: {available} out of {replicas} new replicas are available...");
        return HealthStatus.Healthy();
    }

    public static HealthStatus DaemonSet(KubeObject daemonSet)
    {
        var status = daemonSet.Status;
        var name = daemonSet.Metadata.Name;
        if (!HasObservedGeneration(daemonSet))
            return HealthStatus.Progressing("Waiting for rollout to finish: observed daemon set generation less than desired generation");

        var desired = Long(status, "desiredNumberScheduled") ?? 0;
        var updated = Long(status, "updatedNumberScheduled") ?? 0;
        var available = Long(status, "numberAvailable") ?? 0;
        if (String(daemonSet.Spec, "updateStrategy", "type") == "OnDelete")
            return HealthStatus.Healthy($"daemon set {updated} out of {desired} new pods have been updated");
        if (updated < desired)
            return HealthStatus.Progressing($"Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated...");
        if (available < desired)
            return HealthStatus.Progressing($"Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available...");
        return HealthStatus.Healthy();
    }

    public static HealthStatus StatefulSet(KubeObject statefulSet)
    {
        var spec = statefulSet.Spec;
        var status = statefulSet.Status;
        if ((Long(status, "observedGeneration") ?? 0) == 0 || !HasObservedGeneration(statefulSet))
            return HealthStatus.Progressing("Waiting for statefulset spec update to be observed...");

        var replicas = Long(spec, "replicas") ?? 1;
        var ready = Long(status, "readyReplicas") ?? 0;
        if (ready < replicas)
            return HealthStatus.Progressing($"Waiting for {replicas - ready} pods to be ready...");

        var strategy = String(spec, "updateStrategy", "type");
        if (strategy == "OnDelete")
            return HealthStatus.Healthy("statefulset has OnDelete update strategy: rollouts are driven by pod deletion");
        if (Long(spec, "updateStrategy", "rollingUpdate", "partition") is { } partition && partition > 0)
        {
            var updated = Long(status, "updatedReplicas") ?? 0;
            if (updated < replicas - partition)
                return HealthStatus.Progressing($"Waiting for partitioned roll out to finish: {updated} out of {replicas - partition} new pods have been updated...");
            return HealthStatus.Healthy($"partitioned roll out complete: {updated} new pods have been updated...");
        }

        var currentRevision = String(status, "currentRevision");
        var updateRevision = String(status, "updateRevision");
        if (updateRevision != currentRevision)
            return HealthStatus.Progressing($"waiting for statefulset rolling update to complete {Long(status, "updatedReplicas") ?? 0} pods at revision {updateRevision}...");
        return HealthStatus.Healthy($"statefulset rolling update complete {Long(status, "currentReplicas") ?? 0} pods at revision {currentRevision}...");
    }

    private static bool HasObservedGeneration(KubeObject obj) =>
        obj.Metadata.Generation <= (Long(obj.Status, "observedGeneration") ?? 0);
}
