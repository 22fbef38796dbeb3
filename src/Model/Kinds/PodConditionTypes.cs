namespace GitOps.Model.Kinds;

public static class PodConditionTypes
{
    public const string PodScheduled = "PodScheduled";
    public const string Initialized = "Initialized";
    public const string ContainersReady = "ContainersReady";
    public const string Ready = "Ready";
    public const string DisruptionTarget = "DisruptionTarget";

    /// <summary>Reason of a PodScheduled=False condition when no node fits.</summary>
    public const string ReasonUnschedulable = "Unschedulable";
}
