namespace GitOps.Grains.Health;

/// <summary>
/// Argo CD's health vocabulary, declared from most to least healthy so that a roll-up can take
/// the maximum (see <see cref="HealthAssessor.Worst(IEnumerable{HealthStatusCode})"/>).
/// </summary>
public enum HealthStatusCode
{
    /// <summary>The object is as its spec asks.</summary>
    Healthy,

    /// <summary>The object is paused or suspended on purpose (a paused Deployment, a suspended Job or CronJob).</summary>
    Suspended,

    /// <summary>Not healthy yet, but still expected to get there (a rollout, a pending pod).</summary>
    Progressing,

    /// <summary>Declared (in Git) but absent from the store.</summary>
    Missing,

    /// <summary>Failed, or could not become healthy in time (progress deadline exceeded, a crash-looping pod).</summary>
    Degraded,

    /// <summary>Health could not be assessed.</summary>
    Unknown,
}
