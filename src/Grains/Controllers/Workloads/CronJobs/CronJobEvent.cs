using GitOps.Grains.Controllers.Infrastructure.Events;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>
/// An Event the controller records about a CronJob. <see cref="OnceKey"/> marks an event that describes a
/// state (an invalid schedule, a skipped run) rather than an action: it is recorded when the state is first
/// seen, not again on every reconcile while it lasts.
/// </summary>
public sealed record CronJobEvent(EventType Type, string Reason, string Message, string? OnceKey = null);
