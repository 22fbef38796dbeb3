using GitOps.Runtime.References;

namespace GitOps.Runtime.Activations;

/// <summary>
/// A queued grain call; it is its own completion source, so a call costs one work item and one task.
/// Continuations run synchronously: the caller resumes on the thread that finished the turn.
/// </summary>
internal sealed class GrainCall<TResult>(GrainMethod<TResult> method, object?[] arguments)
    : TaskCompletionSource<TResult>, IWorkItem
{
    public bool HasCaller => !method.IsOneWay;

    public ValueTask<Exception?> RunAsync(Grain grain)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = method.Invoke(grain, arguments);
        }
        catch (Exception e)
        {
            return new ValueTask<Exception?>(Completed(e));
        }
        if (!pending.IsCompletedSuccessfully)
            return AwaitAsync(pending);
        TrySetResult(pending.Result);
        return default;
    }

    public void Fail(Exception exception) => TrySetException(exception);

    private async ValueTask<Exception?> AwaitAsync(ValueTask<TResult> pending)
    {
        try
        {
            TrySetResult(await pending.ConfigureAwait(false));
            return null;
        }
        catch (Exception e)
        {
            return Completed(e);
        }
    }

    private Exception Completed(Exception exception)
    {
        if (!method.IsOneWay)
            TrySetException(exception);
        return exception;
    }
}
