using GitOps.NodeAgent.Pods;

namespace GitOps.NodeAgent.Simulated;

/// <summary>The runtime of simulated nodes (as KWOK does): no containers run; pod status follows a script.</summary>
public sealed class SimulatedRuntime(SimulatedPodOptions options) : IPodRuntime
{
    public string Name => "simulated";

    public PodWorker CreateWorker(PodWorkerContext context) => new SimulatedPodWorker(context, options);
}
