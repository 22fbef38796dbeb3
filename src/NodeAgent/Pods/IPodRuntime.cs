namespace GitOps.NodeAgent.Pods;

/// <summary>A way of running pods (simulated, local processes): creates the worker that runs one pod.</summary>
public interface IPodRuntime
{
    string Name { get; }

    PodWorker CreateWorker(PodWorkerContext context);
}
