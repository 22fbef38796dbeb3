using System.Collections.Concurrent;
using GitOps.Runtime.References;
using GitOps.Runtime.Storage;

namespace GitOps.Runtime.Activations;

/// <summary>The activations of this silo: at most one live activation per grain id.</summary>
internal sealed class GrainCatalog(GrainRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<ActivationData> All => _activations.Values;

    public ActivationData GetOrCreate(GrainId grainId, GrainClassInfo grainClass) =>
        _activations.GetOrAdd(grainId, static (id, state) => new ActivationData(state.Runtime, id, state.Class, predecessor: null), (Runtime: runtime, Class: grainClass));

    /// <summary>
    /// The activation that takes over from one that is deactivating. The successor starts only
    /// when its predecessor has finished deactivating, so two activations never run at once.
    /// </summary>
    public ActivationData Replace(ActivationData defunct)
    {
        while (true)
        {
            if (_activations.TryGetValue(defunct.GrainId, out var current))
            {
                if (current != defunct)
                    return current;
                var successor = new ActivationData(runtime, defunct.GrainId, defunct.Class, defunct.Deactivated);
                if (_activations.TryUpdate(defunct.GrainId, successor, defunct))
                    return successor;
            }
            else
            {
                return GetOrCreate(defunct.GrainId, defunct.Class);
            }
        }
    }

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
}
