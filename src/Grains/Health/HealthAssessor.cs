using GitOps.Model.Objects;

namespace GitOps.Grains.Health;

/// <summary>
/// Computes an object's health from its spec and status with Argo CD's rules and vocabulary
/// (gitops-engine's built-in checks). Pure and thread-safe: no I/O, the object is only read.
/// Kinds without a rule are Healthy once they exist.
/// </summary>
public static class HealthAssessor
{
    /// <summary>What a declared object that is not in the store is.</summary>
    public static HealthStatus Missing { get; } = new(HealthStatusCode.Missing, "The object does not exist");

    /// <summary>The health of <paramref name="obj"/>; <see cref="Missing"/> for null.</summary>
    public static HealthStatus Assess(KubeObject? obj)
    {
        if (obj is null)
            return Missing;
        if (string.IsNullOrEmpty(obj.Kind))
            return HealthStatus.Unknown("The object has no kind, so its health cannot be assessed");
        if (obj.Metadata.DeletionTimestamp is not null)
            return HealthStatus.Progressing("Pending deletion");

        return (obj.Group, obj.Kind) switch
        {
            ("apps" or "extensions", "Deployment") => WorkloadHealth.Deployment(obj),
            ("apps" or "extensions", "ReplicaSet") => WorkloadHealth.ReplicaSet(obj),
            ("apps" or "extensions", "DaemonSet") => WorkloadHealth.DaemonSet(obj),
            ("apps", "StatefulSet") => WorkloadHealth.StatefulSet(obj),
            ("batch", "Job") => JobHealth.Job(obj),
            ("batch", "CronJob") => JobHealth.CronJob(obj),
            ("", "Pod") => PodHealth.Pod(obj),
            ("", "Service") => CoreHealth.Service(obj),
            ("", "PersistentVolumeClaim") => CoreHealth.PersistentVolumeClaim(obj),
            ("", "Node") => CoreHealth.Node(obj),
            _ => HealthStatus.Healthy(),
        };
    }

    /// <summary>True when <paramref name="candidate"/> is less healthy than <paramref name="current"/>.</summary>
    public static bool IsWorse(HealthStatusCode current, HealthStatusCode candidate) => candidate > current;

    /// <summary>The least healthy of <paramref name="codes"/> (Healthy when there are none): how a source's health rolls up.</summary>
    public static HealthStatusCode Worst(IEnumerable<HealthStatusCode> codes)
    {
        var worst = HealthStatusCode.Healthy;
        foreach (var code in codes)
        {
            if (IsWorse(worst, code))
                worst = code;
        }
        return worst;
    }
}
