using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>
/// One controller grain to notify: its grain interface and key. How to use: in an
/// <see cref="IControllerWatch"/>, add <c>ControllerTarget.For&lt;IMyControllerGrain&gt;(key)</c> for each
/// controller a change concerns; equal targets within a dispatch batch are notified once.
/// </summary>
public readonly record struct ControllerTarget(Type GrainInterface, string Key)
{
    private static readonly ConcurrentDictionary<Type, Func<IGrainFactory, string, long, CancellationToken, Task>> Notifiers = new();

    public static ControllerTarget For<TGrain>(string key) where TGrain : IControllerGrain, IGrainWithStringKey
    {
        Notifiers.TryAdd(typeof(TGrain), static (factory, k, rv, ct) => factory.GetGrain<TGrain>(k).NotifyAsync(rv, ct));
        return new ControllerTarget(typeof(TGrain), key);
    }

    /// <summary>Sends the one-way notification; completes once the call is queued.</summary>
    public Task NotifyAsync(IGrainFactory grainFactory, long resourceVersion, CancellationToken cancellationToken) =>
        Notifiers.TryGetValue(GrainInterface, out var notify)
            ? notify(grainFactory, Key, resourceVersion, cancellationToken)
            : throw new InvalidOperationException($"Controller target {GrainInterface.Name}/{Key} was not made with ControllerTarget.For<T>.");

    public override string ToString() => $"{GrainInterface.Name}/{Key}";
}
