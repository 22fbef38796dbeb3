using System.Globalization;
using GitOps.Grains.Controllers.Workloads.Jobs;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>A Job a CronJob controls, as the CronJob controller reads it. Never mutate <see cref="Object"/>.</summary>
public sealed class ChildJob(KubeObject job)
{
    public KubeObject Object { get; } = job;

    public string Name => Object.Metadata.Name ?? "";

    public string Uid => Object.Metadata.Uid ?? "";

    /// <summary>"Complete" or "Failed" once the Job finished (its condition of that type is True); null while it runs.</summary>
    public string? FinishedAs =>
        Conditions.Get(Object.Status, JobPlanner.ConditionComplete) is { IsTrue: true } ? JobPlanner.ConditionComplete
        : Conditions.Get(Object.Status, JobPlanner.ConditionFailed) is { IsTrue: true } ? JobPlanner.ConditionFailed
        : null;

    public bool IsFinished => FinishedAs is not null;

    public bool Succeeded => FinishedAs == JobPlanner.ConditionComplete;

    public bool IsDeleting => Object.Metadata.DeletionTimestamp is not null;

    /// <summary>When the Job succeeded: status.completionTime, else when its Complete condition became True.</summary>
    public DateTimeOffset? CompletionTime =>
        Object.Status?.GetTime("completionTime") ?? Conditions.Get(Object.Status, JobPlanner.ConditionComplete)?.LastTransitionTime;

    /// <summary>The run this Job is for, from the scheduled-timestamp annotation the controller writes.</summary>
    public DateTimeOffset? ScheduledTime =>
        Object.Metadata.GetAnnotation(CronJobPlanner.ScheduledTimestampAnnotation) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    /// <summary>Orders runs oldest first: by scheduled time, else start time, else creation, then name.</summary>
    public static readonly IComparer<ChildJob> OldestFirst = Comparer<ChildJob>.Create((a, b) =>
    {
        var byTime = Nullable.Compare(a.Age, b.Age);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Name, b.Name);
    });

    private DateTimeOffset? Age => ScheduledTime ?? Object.Status?.GetTime("startTime") ?? Object.Metadata.CreationTimestamp;
}
