namespace GitOps.Runtime.Placement;

/// <summary>The invoker of a single-silo runtime: no shard is owned elsewhere, so reaching it is a configuration error.</summary>
public sealed class NoRemoteGrainInvoker : IRemoteGrainInvoker
{
    public Task<object?> InvokeAsync(RemoteGrainCall call, CancellationToken cancellationToken) =>
        Task.FromException<object?>(new InvalidOperationException(
            $"Grain {call.GrainId} lives on silo {call.Target}, but this runtime has no remote invoker: " +
            "register an IRemoteGrainInvoker together with a multi-silo IGrainPlacement."));
}
