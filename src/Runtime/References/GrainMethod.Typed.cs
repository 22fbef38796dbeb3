using System.Reflection;
using GitOps.Runtime.Activations;

namespace GitOps.Runtime.References;

internal sealed class GrainMethod<TResult>(
    MethodInfo method,
    bool isOneWay,
    ReturnKind kind,
    Func<object, object?[], ValueTask<TResult>> invoker) : GrainMethod(method, isOneWay)
{
    private static readonly object CompletedValueTask = default(ValueTask);

    public ValueTask<TResult> Invoke(object grain, object?[] arguments) => invoker(grain, arguments);

    public override object Call(GrainReference reference, object?[] arguments)
    {
        var runtime = reference.Runtime;
        if (!runtime.IsLocal(reference))
            return Wrap(FromRemote(runtime.InvokeRemoteAsync(reference, this, arguments)));

        if (!IsOneWay && runtime.LiveActivation(reference) is { } activation && activation.TryRunInline(this, arguments, out var inline))
            return Wrap(inline);

        var call = new GrainCall<TResult>(this, arguments);
        runtime.Dispatch(reference, call);
        if (!IsOneWay)
            return Wrap(call.Task);
        // The caller continues once the call is queued; a failure is logged by the activation.
        return kind == ReturnKind.Task ? Task.CompletedTask : CompletedValueTask;
    }

    private object Wrap(ValueTask<TResult> result) => kind switch
    {
        ReturnKind.ValueTaskOfT => result,
        ReturnKind.Task when result.IsCompletedSuccessfully => Task.CompletedTask,
        ReturnKind.Task or ReturnKind.TaskOfT => result.AsTask(),
        _ => result.IsCompletedSuccessfully ? CompletedValueTask : new ValueTask(result.AsTask()),
    };

    private object Wrap(Task<TResult> task) => kind switch
    {
        ReturnKind.Task or ReturnKind.TaskOfT => task,
        ReturnKind.ValueTaskOfT => new ValueTask<TResult>(task),
        _ => new ValueTask(task),
    };

    private static async Task<TResult> FromRemote(Task<object?> remote) =>
        await remote.ConfigureAwait(false) is TResult result ? result : default!;
}
