using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;
using GitOps.Grains.Controllers.Workloads.Jobs;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>
/// The CronJob controller's decisions as a pure function of a snapshot (Kubernetes' cronjob controller v2):
/// the run due is the latest schedule time after <c>status.lastScheduleTime</c> (else the CronJob's
/// creation) and at or before now; earlier missed times are skipped, and with
/// <c>startingDeadlineSeconds</c> a time older than the deadline is not run at all. A due run is started
/// unless it already was (its Job, named <c>&lt;cronjob&gt;-&lt;minutes since the epoch&gt;</c>, exists),
/// the CronJob is suspended, or the Forbid policy finds a run active; Replace stops the active runs first.
/// Finished Jobs beyond the history limits are deleted, oldest first. Status lists the active Jobs and
/// the last schedule and success times.
/// </summary>
public static class CronJobPlanner
{
    /// <summary>Annotation on each Job: the schedule time it runs for (RFC 3339, in the CronJob's time zone).</summary>
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /// <summary>More missed schedule times than this since the last run earn a TooManyMissedTimes warning.</summary>
    public const int TooManyMissed = 100;

    /// <summary>Requeue a little after the schedule time, so a slightly early timer does not find the run not yet due.</summary>
    private static readonly TimeSpan RequeuePadding = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest requeue; grain timers take at most ~49 days, and the resync reminder looks in more often anyway.</summary>
    private static readonly TimeSpan MaxRequeue = TimeSpan.FromHours(24);

    public static CronJobPlan Plan(KubeObject cronJob, IEnumerable<KubeObject> jobs, DateTimeOffset now)
    {
        var spec = new CronJobSpec(cronJob);
        var status = cronJob.Status?.DeepClone() as JsonObject ?? [];
        var events = new List<CronJobEvent>();
        var children = jobs.Where(j => Ownership.IsControlledBy(j, cronJob)).Select(j => new ChildJob(j)).ToList();
        var active = children.Where(c => !c.IsFinished && !c.IsDeleting).Order(ChildJob.OldestFirst).ToList();
        ReportFinishedAndMissing(status, children, events);
        RecordLastSuccess(status, children);

        var decision = cronJob.Metadata.DeletionTimestamp is null
            ? Decide(cronJob, spec, status, children, active, now, events)
            : Decision.None;
        WriteActive(status, active.Except(decision.Replace));
        var prune = Oldest(children.Where(c => c.Succeeded && !c.IsDeleting), spec.SuccessfulJobsHistoryLimit)
            .Concat(Oldest(children.Where(c => c.FinishedAs == JobPlanner.ConditionFailed && !c.IsDeleting), spec.FailedJobsHistoryLimit))
            .ToArray();
        return new CronJobPlan(decision.Run, decision.Replace, prune, events, status, decision.RequeueAfter);
    }

    /// <summary>The status after <paramref name="job"/> was started (or found already started) for <paramref name="scheduledTime"/>.</summary>
    public static JsonObject RecordStarted(JsonObject status, KubeObject job, DateTimeOffset scheduledTime)
    {
        var next = (JsonObject)status.DeepClone();
        next.SetTime("lastScheduleTime", scheduledTime);
        var child = new ChildJob(job);
        var active = next.GetObjects("active").Select(a => (JsonObject)a.DeepClone()).ToList();
        if (!child.IsFinished && active.All(a => a.GetString("uid") != child.Uid))
            active.Add(Reference(job));
        next.SetObjects("active", active);
        return next;
    }

    /// <summary>The Job for the run at <paramref name="scheduledTime"/>: the template's labels, annotations and spec, owned by the CronJob.</summary>
    public static KubeObject NewJob(KubeObject cronJob, DateTimeOffset scheduledTime, TimeZoneInfo timeZone)
    {
        var template = new CronJobSpec(cronJob).JobTemplate;
        var job = new KubeObject("batch/v1", "Job", cronJob.Metadata.Namespace, JobName(cronJob, scheduledTime));
        var metadata = template.GetObject("metadata") ?? [];
        foreach (var (key, value) in metadata.GetStringMap("labels"))
            job.Metadata.SetLabel(key, value);
        foreach (var (key, value) in metadata.GetStringMap("annotations"))
            job.Metadata.SetAnnotation(key, value);
        job.Metadata.SetAnnotation(ScheduledTimestampAnnotation, FormatInZone(scheduledTime, timeZone));
        job.Metadata.SetOwnerReferences([Ownership.ControllerReferenceTo(cronJob)]);
        job.Spec = template.GetObject("spec")?.DeepClone() as JsonObject ?? [];
        return job;
    }

    /// <summary>The deterministic name of the run at <paramref name="scheduledTime"/>, so a run is never created twice.</summary>
    public static string JobName(KubeObject cronJob, DateTimeOffset scheduledTime) =>
        $"{cronJob.Metadata.Name}-{(scheduledTime.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    private static Decision Decide(KubeObject cronJob, CronJobSpec spec, JsonObject status, List<ChildJob> children,
        List<ChildJob> active, DateTimeOffset now, List<CronJobEvent> events)
    {
        var parsed = spec.ParseSchedule();
        if (parsed.Error is { } error)
        {
            events.Add(InvalidScheduleEvent(spec, error));
            return Decision.None;
        }
        if (!ConcurrencyPolicies.IsKnown(spec.ConcurrencyPolicy))
        {
            var message = $"concurrencyPolicy \"{spec.ConcurrencyPolicy}\" is not one of {ConcurrencyPolicies.Allow}, {ConcurrencyPolicies.Forbid}, {ConcurrencyPolicies.Replace}; no Jobs are created until spec.concurrencyPolicy is fixed";
            events.Add(new CronJobEvent(EventType.Warning, "InvalidConcurrencyPolicy", message, message));
            return Decision.None;
        }
        if (spec.Suspend)
            return Decision.None;

        var schedule = parsed.Schedule!;
        var earliest = status.GetTime("lastScheduleTime") ?? cronJob.Metadata.CreationTimestamp ?? now;
        var windowStart = earliest;
        if (spec.StartingDeadlineSeconds is { } deadline && now.AddSeconds(-deadline) > windowStart)
            windowStart = now.AddSeconds(-deadline);
        var (due, missed) = MostRecentDue(schedule, windowStart, now);
        if (due is not { } scheduled)
        {
            if (windowStart > earliest && MostRecentDue(schedule, earliest, windowStart).Time is { } lost)
                events.Add(new CronJobEvent(EventType.Warning, "MissSchedule",
                    $"Missed scheduled time to start a job: {JsonFields.FormatTime(lost)} is more than startingDeadlineSeconds ({spec.StartingDeadlineSeconds}) ago",
                    $"MissSchedule/{lost:O}"));
            return new Decision(null, [], RequeueAfter(schedule, earliest, now));
        }
        if (missed > TooManyMissed)
            events.Add(new CronJobEvent(EventType.Warning, "TooManyMissedTimes",
                $"too many missed start times (more than {TooManyMissed}); only the most recent, {JsonFields.FormatTime(scheduled)}, is considered. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
                $"TooManyMissedTimes/{scheduled:O}"));

        var name = JobName(cronJob, scheduled);
        if (children.Any(c => c.Name == name))
        {
            // Started already, but the status write that should have followed was lost: record it now.
            status.SetTime("lastScheduleTime", scheduled);
            return new Decision(null, [], RequeueAfter(schedule, scheduled, now));
        }
        if (spec.ConcurrencyPolicy == ConcurrencyPolicies.Forbid && active.Count > 0)
        {
            events.Add(new CronJobEvent(EventType.Normal, "JobAlreadyActive",
                "Not starting job because prior execution is running and concurrency policy is Forbid",
                $"JobAlreadyActive/{scheduled:O}"));
            return new Decision(null, [], RequeueAfter(schedule, earliest, now));
        }
        var replace = spec.ConcurrencyPolicy == ConcurrencyPolicies.Replace ? active.ToArray() : [];
        return new Decision(new ScheduledRun(scheduled, NewJob(cronJob, scheduled, schedule.TimeZone)), replace, RequeueAfter(schedule, scheduled, now));
    }

    /// <summary>The latest schedule time in (after, now], and how many there are (counting stops past <see cref="TooManyMissed"/>).</summary>
    private static (DateTimeOffset? Time, int Count) MostRecentDue(CronSchedule schedule, DateTimeOffset after, DateTimeOffset now)
    {
        if (schedule.Next(after) is not { } first || first > now)
            return (null, 0);
        var last = first;
        var count = 1;
        while (schedule.Next(last) is { } next && next <= now)
        {
            last = next;
            if (++count > TooManyMissed)
                return (schedule.Previous(now) ?? last, count);
        }
        return (last, count);
    }

    private static TimeSpan? RequeueAfter(CronSchedule schedule, DateTimeOffset lastRun, DateTimeOffset now)
    {
        if (schedule.Next(lastRun > now ? lastRun : now) is not { } next)
            return null;
        var after = next - now + RequeuePadding;
        return after < MaxRequeue ? after : MaxRequeue;
    }

    private static CronJobEvent InvalidScheduleEvent(CronJobSpec spec, ScheduleError error)
    {
        var (reason, field) = error.Field == CronParser.TimeZoneField ? ("UnknownTimeZone", "spec.timeZone") : ("InvalidSchedule", "spec.schedule");
        var message = $"invalid schedule \"{spec.Schedule}\"{(spec.TimeZone is null ? "" : $" in time zone \"{spec.TimeZone}\"")}: {error}; no Jobs are created until {field} is fixed";
        return new CronJobEvent(EventType.Warning, reason, message, message);
    }

    private static void ReportFinishedAndMissing(JsonObject status, List<ChildJob> children, List<CronJobEvent> events)
    {
        foreach (var listed in status.GetObjects("active").Select(ObjectReference.FromJson))
        {
            var child = children.FirstOrDefault(c => c.Uid == listed.Uid);
            if (child is null)
                events.Add(new CronJobEvent(EventType.Normal, "MissingJob", $"Active job went missing: {listed.Name}", $"MissingJob/{listed.Uid}"));
            else if (child.FinishedAs is { } finished)
                events.Add(new CronJobEvent(EventType.Normal, "SawCompletedJob", $"Saw completed job: {child.Name}, status: {finished}", $"SawCompletedJob/{child.Uid}"));
        }
    }

    private static void RecordLastSuccess(JsonObject status, List<ChildJob> children)
    {
        var latest = status.GetTime("lastSuccessfulTime");
        foreach (var child in children.Where(c => c.Succeeded))
        {
            if (child.CompletionTime is { } completed && (latest is null || completed > latest))
                latest = completed;
        }
        status.SetTime("lastSuccessfulTime", latest);
    }

    /// <summary>status.active: the active Jobs, keeping each reference already listed as it was (Kubernetes writes one when it creates the Job).</summary>
    private static void WriteActive(JsonObject status, IEnumerable<ChildJob> active)
    {
        var listed = status.GetObjects("active").ToDictionary(a => a.GetString("uid") ?? "", a => a, StringComparer.Ordinal);
        var references = active
            .Select(c => listed.TryGetValue(c.Uid, out var existing) ? (JsonObject)existing.DeepClone() : Reference(c.Object))
            .ToArray();
        status.SetObjects("active", references);
    }

    private static JsonObject Reference(KubeObject job) =>
        new ObjectReference("Job", job.Metadata.Namespace, job.Metadata.Name ?? "", job.Metadata.Uid, job.ApiVersion, job.Metadata.ResourceVersion).ToJson();

    private static IEnumerable<ChildJob> Oldest(IEnumerable<ChildJob> finished, int keep)
    {
        var ordered = finished.Order(ChildJob.OldestFirst).ToArray();
        return ordered.Take(Math.Max(0, ordered.Length - keep));
    }

    private static string FormatInZone(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var clock = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return local.Offset == TimeSpan.Zero ? clock + "Z" : clock + local.ToString("zzz", CultureInfo.InvariantCulture);
    }

    private sealed record Decision(ScheduledRun? Run, IReadOnlyList<ChildJob> Replace, TimeSpan? RequeueAfter)
    {
        public static readonly Decision None = new(null, [], null);
    }
}
