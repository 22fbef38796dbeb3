using System.Text.Json.Nodes;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>
/// What one CronJob reconcile must do, in order: delete <see cref="Replace"/> (active runs the Replace
/// policy stops), create <see cref="Run"/>'s Job, delete <see cref="Prune"/> (finished Jobs beyond the
/// history limits), record <see cref="Events"/>, and write <see cref="Status"/> (which does not yet list the
/// new Job: see <see cref="CronJobPlanner.RecordStarted"/>). Reconcile again after <see cref="RequeueAfter"/>,
/// the next schedule time.
/// </summary>
public sealed record CronJobPlan(
    ScheduledRun? Run,
    IReadOnlyList<ChildJob> Replace,
    IReadOnlyList<ChildJob> Prune,
    IReadOnlyList<CronJobEvent> Events,
    JsonObject Status,
    TimeSpan? RequeueAfter);
