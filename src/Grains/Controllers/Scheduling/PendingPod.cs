using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>A pod in the <see cref="SchedulingQueue"/>: its latest version and its scheduling history.</summary>
public sealed class PendingPod(Pod pod)
{
    public Pod Pod { get; set; } = pod;

    public long Generation { get; set; } = pod.Metadata.Generation;

    public bool Unschedulable { get; set; }

    public bool RetryRequested { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset LastAttempt { get; set; }
}
