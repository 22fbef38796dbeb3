using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Jobs;

/// <summary>
/// The Job controller's decisions as a pure function of a snapshot (Kubernetes' syncJob, without
/// indexed completions or pod failure policies): run up to parallelism pods until completions pods
/// have succeeded; fail the Job once more than backoffLimit pods have failed; stop every pod when the
/// Job is suspended or finished; report active/succeeded/failed and the Complete, Failed and Suspended
/// conditions.
/// </summary>
public static class JobPlanner
{
    public const string ConditionComplete = "Complete";
    public const string ConditionFailed = "Failed";
    public const string ConditionSuspended = "Suspended";

    public static JobPlan Plan(KubeObject job, IEnumerable<KubeObject> pods, DateTimeOffset now, int burst)
    {
        var spec = new JobSpec(job);
        var status = job.Status?.DeepClone() as JsonObject ?? [];
        var owned = pods.Where(p => Ownership.IsControlledBy(p, job)).Select(p => new Pod(p)).ToArray();
        var active = owned.Where(PodStates.IsActive).ToArray();
        // Finished pods may be removed later (garbage collection, a user): counts never go down.
        var succeeded = Math.Max(owned.Count(p => p.Phase == PodPhase.Succeeded), status.GetInt("succeeded") ?? 0);
        var failed = Math.Max(owned.Count(p => p.Phase == PodPhase.Failed), status.GetInt("failed") ?? 0);
        var finished = IsTrue(status, ConditionComplete) || IsTrue(status, ConditionFailed);

        var create = 0;
        IReadOnlyList<Pod> delete = [];
        if (finished)
        {
            delete = active;
        }
        else if (succeeded >= spec.Completions)
        {
            Conditions.Set(status, new Condition(ConditionComplete, ConditionStatus.True, "CompletionsReached", "Reached expected number of succeeded pods"), now);
            status.SetTime("completionTime", now);
            delete = active;
        }
        else if (failed > spec.BackoffLimit)
        {
            Conditions.Set(status, new Condition(ConditionFailed, ConditionStatus.True, "BackoffLimitExceeded", "Job has reached the specified backoff limit"), now);
            delete = active;
        }
        else if (spec.Suspend)
        {
            Conditions.Set(status, new Condition(ConditionSuspended, ConditionStatus.True, "JobSuspended", "Job suspended"), now);
            delete = active;
        }
        else
        {
            if (Conditions.Get(status, ConditionSuspended) is { IsTrue: true })
                Conditions.Set(status, new Condition(ConditionSuspended, ConditionStatus.False, "JobResumed", "Job resumed"), now);
            if (status.GetTime("startTime") is null)
                status.SetTime("startTime", now);
            var wanted = Math.Min(spec.Parallelism, spec.Completions - succeeded);
            if (active.Length < wanted)
                create = Math.Min(wanted - active.Length, burst);
            else if (active.Length > wanted)
                delete = active.Order(PodDeletionOrder.Instance).Take(Math.Min(active.Length - wanted, burst)).ToArray();
        }

        status["active"] = active.Length - delete.Count + create;
        status["succeeded"] = succeeded;
        status["failed"] = failed;
        return new JobPlan(create, delete, status);
    }

    /// <summary>A new pod for the Job: its template plus the labels that select it, and a controller reference.</summary>
    public static KubeObject NewPod(KubeObject job)
    {
        var spec = new JobSpec(job.DeepClone());
        var pod = PodFactory.FromTemplate(job, spec.Template, PodFactory.NewName(job));
        pod.Metadata.SetLabel(JobSpec.ControllerUidLabel, job.Metadata.Uid ?? "");
        pod.Metadata.SetLabel(JobSpec.JobNameLabel, job.Metadata.Name ?? "");
        return pod;
    }

    private static bool IsTrue(JsonObject status, string type) => Conditions.Get(status, type) is { IsTrue: true };
}
