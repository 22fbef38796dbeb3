namespace GitOps.NodeAgent.Pods.Spec;

public sealed record LifecycleHandlerModel
{
    public ExecActionModel? Exec { get; init; }

    public HttpGetActionModel? HttpGet { get; init; }
}
