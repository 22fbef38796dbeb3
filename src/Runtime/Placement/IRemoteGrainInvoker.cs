namespace GitOps.Runtime.Placement;

/// <summary>
/// Forwards a call to the silo that owns the grain's shard (for example over HTTP). The runtime
/// calls it only for shards <see cref="IGrainPlacement"/> says are owned elsewhere. The answer is
/// the method's result (null for methods without one); a failure is a faulted task.
/// </summary>
public interface IRemoteGrainInvoker
{
    Task<object?> InvokeAsync(RemoteGrainCall call, CancellationToken cancellationToken);
}
