using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Runtime;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>The DaemonSet controller for one DaemonSet, keyed <c>namespace/name</c> (see <see cref="WorkloadKeys"/>).</summary>
public interface IDaemonSetControllerGrain : IControllerGrain, IGrainWithStringKey;
