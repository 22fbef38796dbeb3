using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Grains.Controllers.Workloads.Jobs;

/// <summary>Wakes a Job's controller when the Job or one of the pods it controls changes.</summary>
public sealed class JobWatch : IControllerWatch
{
    public const string JobKind = "Job";
    public static readonly ResourceType JobType = new("batch", JobKind);
    public static readonly ResourceType PodType = new("", Pod.Kind);

    public IReadOnlyCollection<ResourceType> Types { get; } = [JobType];

    public void Map(ChangeEvent change, ICollection<ControllerTarget> targets)
    {
        var type = change.Key.Type;
        if (type == JobType)
            targets.Add(ControllerTarget.For<IJobControllerGrain>(WorkloadKeys.For(change.Key.Namespace, change.Key.Name)));
        else if (type == PodType && change.Object.Metadata.ControllerReference is { Kind: JobKind } owner)
            targets.Add(ControllerTarget.For<IJobControllerGrain>(WorkloadKeys.For(change.Key.Namespace, owner.Name)));
    }
}
