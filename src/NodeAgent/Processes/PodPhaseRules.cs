using GitOps.NodeAgent.Pods.Spec;
using GitOps.NodeAgent.Pods.Status;

namespace GitOps.NodeAgent.Processes;

/// <summary>The pod phase from its containers, by the kubelet's rules.</summary>
internal static class PodPhaseRules
{
    public static string Phase(string restartPolicy, IReadOnlyList<ContainerRunner> inits, IReadOnlyList<ContainerRunner> apps, bool initialized)
    {
        if (!initialized)
        {
            var initFailed = restartPolicy == PodSpecModel.RestartNever && inits.Any(i => i.IsFinished && i.LastExitCode is not 0);
            return initFailed ? PodStatusSnapshot.Failed : PodStatusSnapshot.Pending;
        }
        if (apps.Any(a => !a.HasRun))
            return PodStatusSnapshot.Pending;
        if (apps.Count > 0 && apps.All(a => a.IsFinished))
            return apps.All(a => a.LastExitCode == 0) ? PodStatusSnapshot.Succeeded : PodStatusSnapshot.Failed;
        return PodStatusSnapshot.Running;
    }
}
