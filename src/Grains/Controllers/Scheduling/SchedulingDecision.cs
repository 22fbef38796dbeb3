namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>Either the node to bind to, or why no node fits (the PodScheduled=False message).</summary>
public sealed record SchedulingDecision(string? NodeName, string? Message)
{
    public static SchedulingDecision Bind(string nodeName) => new(nodeName, null);

    public static SchedulingDecision Unschedulable(string message) => new(null, message);

    public bool Scheduled => NodeName is not null;
}
