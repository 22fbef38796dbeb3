using System.Linq.Expressions;
using System.Reflection;

namespace GitOps.Runtime.References;

/// <summary>
/// One grain interface method, prepared once: a compiled invoker (no reflection on the hot path)
/// and the conversion of the call's completion to the method's return type.
/// </summary>
internal abstract class GrainMethod(MethodInfo method, bool isOneWay)
{
    public MethodInfo Method { get; } = method;

    public bool IsOneWay { get; } = isOneWay;

    /// <summary>Sends the call and returns a value of the method's return type.</summary>
    public abstract object Call(GrainReference reference, object?[] arguments);

    public static GrainMethod Create(Type interfaceType, MethodInfo method)
    {
        var where = $"{interfaceType.FullName}.{method.Name}";
        if (method.IsGenericMethodDefinition)
            throw new InvalidOperationException($"Grain method {where} is generic; grain methods must not be.");
        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
            throw new InvalidOperationException($"Grain method {where} has a ref/out parameter; grain methods must not.");

        var returnType = method.ReturnType;
        (ReturnKind kind, Type resultType) = returnType switch
        {
            _ when returnType == typeof(Task) => (ReturnKind.Task, typeof(VoidResult)),
            _ when returnType == typeof(ValueTask) => (ReturnKind.ValueTask, typeof(VoidResult)),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (ReturnKind.TaskOfT, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (ReturnKind.ValueTaskOfT, returnType.GetGenericArguments()[0]),
            _ => throw new InvalidOperationException($"Grain method {where} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>."),
        };

        var isOneWay = method.GetCustomAttribute<OneWayAttribute>() is not null;
        if (isOneWay && kind is not (ReturnKind.Task or ReturnKind.ValueTask))
            throw new InvalidOperationException($"Grain method {where} is [OneWay] but returns a value; one-way methods return Task or ValueTask.");

        var typed = typeof(GrainMethod<>).MakeGenericType(resultType);
        var invoker = CompileInvoker(interfaceType, method, kind, resultType);
        return (GrainMethod)Activator.CreateInstance(typed, method, isOneWay, kind, invoker)!;
    }

    /// <summary>Compiles <c>(grain, args) =&gt; ValueTask&lt;TResult&gt;</c> calling the method on the grain.</summary>
    private static Delegate CompileInvoker(Type interfaceType, MethodInfo method, ReturnKind kind, Type resultType)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, interfaceType), method, parameters);
        var valueTaskType = typeof(ValueTask<>).MakeGenericType(resultType);
        Expression body = kind switch
        {
            ReturnKind.TaskOfT => Expression.New(valueTaskType.GetConstructor([method.ReturnType])!, call),
            ReturnKind.ValueTaskOfT => call,
            ReturnKind.Task => Expression.Call(typeof(VoidResult).GetMethod(nameof(VoidResult.FromTask))!, call),
            _ => Expression.Call(typeof(VoidResult).GetMethod(nameof(VoidResult.FromValueTask))!, call),
        };
        var delegateType = typeof(Func<,,>).MakeGenericType(typeof(object), typeof(object?[]), valueTaskType);
        return Expression.Lambda(delegateType, body, grain, args).Compile();
    }
}
