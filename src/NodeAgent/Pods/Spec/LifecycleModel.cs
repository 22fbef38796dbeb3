namespace GitOps.NodeAgent.Pods.Spec;

/// <summary>Container lifecycle hooks; the agent runs <see cref="PreStop"/> before stopping a container.</summary>
public sealed record LifecycleModel
{
    public LifecycleHandlerModel? PreStop { get; init; }
}
