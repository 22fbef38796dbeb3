using GitOps.Grains.Controllers.Infrastructure;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// The scheduler: one grain (key <see cref="Key"/>) that binds pending pods to nodes. It is notified of
/// pod and node changes by <see cref="SchedulerWatch"/> and keeps the one authoritative cache of node
/// allocations, so no node is overcommitted however many pods are bound at once.
/// </summary>
[Alias("GitOps.ISchedulerGrain")]
public interface ISchedulerGrain : IControllerGrain, IGrainWithStringKey
{
    public const string Key = "default-scheduler";
}
