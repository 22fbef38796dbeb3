namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>The values of a CronJob's <c>spec.concurrencyPolicy</c>: what to do when a run is due while an earlier one is still active.</summary>
public static class ConcurrencyPolicies
{
    /// <summary>Start the new run beside the active ones (the default).</summary>
    public const string Allow = "Allow";

    /// <summary>Skip the new run while one is active; it starts once the active one finishes, if still within the starting deadline.</summary>
    public const string Forbid = "Forbid";

    /// <summary>Delete the active runs, then start the new one.</summary>
    public const string Replace = "Replace";

    public static bool IsKnown(string policy) => policy is Allow or Forbid or Replace;
}
