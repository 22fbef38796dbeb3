using System.Reflection;
using GitOps.Runtime.Activations;
using GitOps.Runtime.Storage;

namespace GitOps.Runtime.References;

/// <summary>
/// The proxy behind every grain reference: each interface call becomes a call through the
/// runtime's pipeline (placement, then the local activation or the remote invoker).
/// </summary>
public class GrainReference : DispatchProxy
{
    private GrainInterfaceInfo? _interface;
    private GrainRuntime? _runtime;

    public GrainId GrainId { get; private set; }

    internal int Shard { get; private set; }

    internal GrainClassInfo Class => _interface!.Class;

    internal GrainInterfaceInfo Interface => _interface!;

    internal GrainRuntime Runtime => _runtime!;

    /// <summary>The activation last used, so the hot path skips the catalog lookup.</summary>
    internal ActivationData? CachedActivation { get; set; }

    internal void Initialize(GrainRuntime runtime, GrainInterfaceInfo grainInterface, GrainId grainId, int shard)
    {
        _runtime = runtime;
        _interface = grainInterface;
        GrainId = grainId;
        Shard = shard;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _interface!.GetMethod(targetMethod!).Call(this, args ?? []);

    public override string ToString() => $"{_interface?.InterfaceType.Name}:{GrainId}";
}
