using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

/// <summary>Wakes a CronJob's controller when the CronJob or one of the Jobs it controls changes.</summary>
public sealed class CronJobWatch : IControllerWatch
{
    public const string CronJobKind = "CronJob";
    public static readonly ResourceType CronJobType = new("batch", CronJobKind);
    public static readonly ResourceType JobType = new("batch", "Job");

    public IReadOnlyCollection<ResourceType> Types { get; } = [CronJobType];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        var type = change.Key.Type;
        if (type == CronJobType)
            targets.Add(ControllerTarget.For<ICronJobControllerGrain>(WorkloadKeys.For(change.Key.Namespace, change.Key.Name)));
        else if (type == JobType && change.Object.Metadata.ControllerReference is { Kind: CronJobKind } owner)
            targets.Add(ControllerTarget.For<ICronJobControllerGrain>(WorkloadKeys.For(change.Key.Namespace, owner.Name)));
    }
}
