using System.Reflection;
using GitOps.Runtime.Activations;
using GitOps.Runtime.Logging;
using GitOps.Runtime.Migrations;
using GitOps.Runtime.Placement;
using GitOps.Runtime.References;
using GitOps.Runtime.Reminders;
using GitOps.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Runtime;

/// <summary>
/// The grain runtime of one silo: grain references, the call pipeline (placement, then the local
/// activation or the remote invoker), activations, the idle collector and reminders. Start it
/// with <see cref="StartAsync"/> (the hosted service does) and stop it with <see cref="StopAsync"/>.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private const int Created = 0, Running = 1, Stopping = 2, Stopped = 3;
    private const int MaxDispatchAttempts = 16;

    private readonly GrainTypeRegistry _registry;
    private readonly IGrainPlacement _placement;
    private readonly IRemoteGrainInvoker _remote;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Task _collector = Task.CompletedTask;
    private int _status;

    internal GrainRuntime(IServiceProvider services, GrainTypeRegistry registry)
    {
        Services = services;
        _registry = registry;
        Options = services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value;
        _placement = services.GetRequiredService<IGrainPlacement>();
        _remote = services.GetRequiredService<IRemoteGrainInvoker>();
        Logger = services.GetRequiredService<ILogger<GrainRuntime>>();
        Catalog = new GrainCatalog(this);
        Reminders = new ReminderService(this, services.GetRequiredService<IReminderTable>(), _placement, Options, Logger);
    }

    public GrainRuntimeOptions Options { get; }

    /// <summary>Number of live activations in this silo.</summary>
    public int ActivationCount => Catalog.Count;

    internal IServiceProvider Services { get; }

    internal ILogger Logger { get; }

    internal GrainCatalog Catalog { get; }

    internal ReminderService Reminders { get; }

    /// <summary>Cancelled when shutdown has run out of time; given to OnActivateAsync/OnDeactivateAsync.</summary>
    internal CancellationToken LifetimeToken => _lifetime.Token;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var grainInterface = _registry.GetInterface(typeof(TGrainInterface));
        return (TGrainInterface)CreateReference(grainInterface, primaryKey);
    }

    /// <summary>A reference to a grain known by its id (reminders, forwarded calls).</summary>
    internal object GetReference(GrainId grainId, Type interfaceType) =>
        CreateReference(_registry.GetInterface(interfaceType, _registry.GetClass(grainId.Type)), grainId.Key);

    internal bool TryGetClass(string typeName, out GrainClassInfo grainClass) => _registry.TryGetClass(typeName, out grainClass);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _status, Running, Created) != Created)
            throw new InvalidOperationException("The grain runtime was already started; create a new one to start again.");
        var migrator = Services.GetService<PostgreSqlMigrator>();
        if (migrator is not null && Options.ApplyMigrationsOnStart)
            await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await Reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        _collector = CollectIdleAsync(_stopping.Token);
        RuntimeLog.Started(Logger, Options.SiloId, _placement.ShardCount, Services.GetRequiredService<IGrainStorage>().GetType().Name);
    }

    /// <summary>Stops reminders and the idle collector, then deactivates every activation (OnDeactivateAsync runs).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var previous = Interlocked.Exchange(ref _status, Stopping);
        if (previous >= Stopping)
        {
            Volatile.Write(ref _status, previous);
            return;
        }
        _lifetime.CancelAfter(Options.ShutdownTimeout);
        _stopping.Cancel();
        await Reminders.StopAsync().ConfigureAwait(false);
        await _collector.ConfigureAwait(false);

        // A call that passed the status check just before stopping may still create an activation:
        // sweep again until the catalog is empty (bounded).
        var deactivated = 0;
        for (var sweep = 0; sweep < 3 && Catalog.Count > 0; sweep++)
        {
            var activations = Catalog.All.ToList();
            foreach (var activation in activations)
                activation.BeginShutdown();
            try
            {
                await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(Options.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                RuntimeLog.ShutdownTimedOut(Logger, Options.ShutdownTimeout, activations.Count(a => !a.Deactivated.IsCompleted));
                break;
            }
            deactivated += activations.Count;
        }
        Volatile.Write(ref _status, Stopped);
        RuntimeLog.Stopped(Logger, Options.SiloId, deactivated);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _lifetime.Dispose();
    }

    internal bool IsLocal(GrainReference reference) => _placement.IsLocal(reference.Shard);

    internal Task<object?> InvokeRemoteAsync(GrainReference reference, GrainMethod method, object?[] arguments) =>
        _remote.InvokeAsync(
            new RemoteGrainCall(_placement.GetOwner(reference.Shard), reference.GrainId, reference.Interface.InterfaceType, method.Method, arguments, method.IsOneWay),
            _stopping.Token);

    /// <summary>The activation a reference used last, when it still takes calls (the inline fast path).</summary>
    internal ActivationData? LiveActivation(GrainReference reference) =>
        Volatile.Read(ref _status) < Stopping && reference.CachedActivation is { IsDefunct: false } activation ? activation : null;

    /// <summary>Routes a call to the grain's live activation, creating one if needed.</summary>
    internal void Dispatch(GrainReference reference, IWorkItem item)
    {
        var activation = reference.CachedActivation;
        for (var attempt = 0; attempt < MaxDispatchAttempts; attempt++)
        {
            if (Volatile.Read(ref _status) >= Stopping)
            {
                item.Fail(StoppedError(reference.GrainId));
                return;
            }
            if (activation is null || activation.IsDefunct)
                activation = Catalog.GetOrCreate(reference.GrainId, reference.Class);
            if (activation.TryEnqueue(item, touch: true))
            {
                reference.CachedActivation = activation;
                return;
            }
            activation = Catalog.Replace(activation);
        }
        item.Fail(new InvalidOperationException(
            $"Could not deliver a call to grain {reference.GrainId}: its activation kept deactivating ({MaxDispatchAttempts} attempts)."));
    }

    /// <summary>Hands the calls queued on a deactivating activation to its successor, in their order.</summary>
    internal void Forward(ActivationData defunct, IReadOnlyList<IWorkItem> pending)
    {
        var successor = Catalog.Replace(defunct);
        foreach (var item in pending)
        {
            if (Volatile.Read(ref _status) >= Stopping || !successor.TryEnqueue(item, touch: true))
                item.Fail(StoppedError(defunct.GrainId));
        }
    }

    internal Exception StoppedError(GrainId grainId) =>
        new InvalidOperationException($"The call to grain {grainId} was not run: the grain runtime of silo {Options.SiloId} is shutting down.");

    private object CreateReference(GrainInterfaceInfo grainInterface, string key)
    {
        var proxy = DispatchProxy.Create(grainInterface.InterfaceType, typeof(GrainReference));
        var grainId = new GrainId(grainInterface.Class.TypeName, key);
        ((GrainReference)proxy).Initialize(this, grainInterface, grainId, GrainShard.Of(grainId, _placement.ShardCount));
        return proxy;
    }

    private async Task CollectIdleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.CollectionInterval);
        var age = (long)Options.CollectionAge.TotalMilliseconds;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                var count = Catalog.All.Count(activation => activation.TryDeactivateIfIdle(now, age));
                if (count > 0)
                    RuntimeLog.CollectingIdle(Logger, count);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the collector ends with the runtime.
        }
    }
}
