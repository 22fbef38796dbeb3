using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store;

namespace GitOps.Grains.Informers;

/// <summary>
/// The silo's one cache of one kind, kept by the <see cref="SharedInformerFactory"/>'s follower of the change
/// log: it lists the kind once, then applies every later change. How to use: <c>factory.For(type)</c>; read
/// with <see cref="Get(ResourceKey)"/>, <see cref="List"/>, <see cref="ListByOwner"/> and <see cref="ListByNode"/>
/// (after <see cref="WaitUntilCurrentAsync"/> when the read must see writes up to a resourceVersion, such as
/// the reader's own), and react with <see cref="AddHandler"/>. Every object handed out is shared by the whole
/// silo and read-only: clone it (<see cref="KubeObject.DeepClone"/>) before changing anything; the
/// <see cref="InformerOptions.DetectMutations"/> check in tests reports a caller that did not.
/// </summary>
public sealed class Informer
{
    private readonly object _gate = new();
    private readonly Dictionary<ResourceKey, CachedObject> _objects = [];
    private readonly Dictionary<string, HashSet<ResourceKey>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ResourceKey>> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ResourceKey>> _byNode = new(StringComparer.Ordinal);
    private readonly SharedInformerFactory _factory;
    private readonly bool _detectMutations;
    private IInformerHandler[] _handlers = [];
    private long _listedAt = -1;

    internal Informer(ResourceType type, SharedInformerFactory factory, bool detectMutations)
    {
        Type = type;
        _factory = factory;
        _detectMutations = detectMutations;
    }

    public ResourceType Type { get; }

    /// <summary>True once the kind has been listed; before that the cache is empty.</summary>
    public bool HasSynced => Volatile.Read(ref _listedAt) >= 0;

    /// <summary>The cache reflects every change up to this resourceVersion; -1 before the first list.</summary>
    public long ResourceVersion
    {
        get
        {
            var listedAt = Volatile.Read(ref _listedAt);
            return listedAt < 0 ? -1 : Math.Max(listedAt, _factory.ResourceVersion);
        }
    }

    public KubeObject? Get(ResourceKey key)
    {
        lock (_gate)
            return _objects.TryGetValue(key, out var cached) ? cached.Object : null;
    }

    public KubeObject? Get(string @namespace, string name) => Get(new ResourceKey(Type.Group, Type.Kind, @namespace, name));

    /// <summary>Objects of one namespace (null: all), optionally matching a label selector, ordered by namespace and name as the store lists them.</summary>
    public IReadOnlyList<KubeObject> List(string? @namespace = null, LabelSelector? labels = null)
    {
        lock (_gate)
        {
            IEnumerable<CachedObject> candidates = @namespace is null
                ? _objects.Values
                : _byNamespace.TryGetValue(@namespace, out var keys) ? keys.Select(k => _objects[k]) : [];
            if (labels is { IsEmpty: false })
                candidates = candidates.Where(c => labels.Matches(c.Object.Metadata.Labels));
            return Ordered(candidates);
        }
    }

    /// <summary>Objects that name <paramref name="ownerUid"/> in their ownerReferences.</summary>
    public IReadOnlyList<KubeObject> ListByOwner(string ownerUid) => ListIndexed(_byOwner, ownerUid);

    /// <summary>Objects whose spec.nodeName is <paramref name="nodeName"/> (pods bound to that node).</summary>
    public IReadOnlyList<KubeObject> ListByNode(string nodeName) => ListIndexed(_byNode, nodeName);

    /// <summary>
    /// Hands <paramref name="handler"/> every cached object as added, then each later change, until the
    /// returned registration is disposed. Registering before the first list is fine: the list arrives as added.
    /// </summary>
    public IDisposable AddHandler(IInformerHandler handler)
    {
        lock (_gate)
        {
            foreach (var cached in _objects.Values)
                Call(handler, h => h.OnAdded(cached.Object));
            _handlers = [.. _handlers, handler];
        }
        return new Registration(this, handler);
    }

    /// <summary>
    /// Completes when the cache reflects every change up to <paramref name="resourceVersion"/> (a consistent
    /// read, as kube-apiserver's from its watch cache). Throws <see cref="TimeoutException"/> after
    /// <see cref="InformerOptions.ConsistentReadTimeout"/>, naming the kind and how far it got.
    /// </summary>
    public Task WaitUntilCurrentAsync(long resourceVersion, CancellationToken cancellationToken) =>
        _factory.WaitUntilAsync(() => ResourceVersion >= resourceVersion,
            () => $"the {Type} informer reached resourceVersion {ResourceVersion}, not {resourceVersion}", cancellationToken);

    /// <summary>Applies one change-log event; returns the object's previous state when the cache had it.</summary>
    internal KubeObject? Apply(ChangeEvent change)
    {
        lock (_gate)
        {
            if (change.ResourceVersion <= _listedAt || _listedAt < 0)
                return null;
            _objects.TryGetValue(change.Key, out var cached);
            if (cached is not null && cached.Object.Metadata.ResourceVersionNumber >= change.ResourceVersion)
                return null;
            if (change.Type == ChangeType.Deleted)
            {
                if (cached is null)
                    return null;
                Remove(change.Key, cached);
                Dispatch(h => h.OnDeleted(change.Object, change.ResourceVersion));
                return cached.Object;
            }
            Put(change.Key, change.Object, cached);
            if (cached is null)
                Dispatch(h => h.OnAdded(change.Object));
            else
                Dispatch(h => h.OnUpdated(cached.Object, change.Object));
            return cached?.Object;
        }
    }

    /// <summary>
    /// Takes a list of the whole kind at <paramref name="snapshot"/>: objects not in it are reported deleted,
    /// new ones added and changed ones updated; later events at or below the snapshot are skipped.
    /// </summary>
    internal void Replace(IReadOnlyList<KubeObject> listed, long snapshot)
    {
        lock (_gate)
        {
            var present = new HashSet<ResourceKey>(listed.Count);
            foreach (var obj in listed)
                present.Add(ResourceKey.Of(obj));
            foreach (var (key, cached) in _objects.Where(o => !present.Contains(o.Key)).ToArray())
            {
                Remove(key, cached);
                Dispatch(h => h.OnDeleted(cached.Object, snapshot));
            }
            foreach (var obj in listed)
            {
                var key = ResourceKey.Of(obj);
                _objects.TryGetValue(key, out var cached);
                if (cached is not null && cached.Object.Metadata.ResourceVersionNumber == obj.Metadata.ResourceVersionNumber)
                    continue;
                Put(key, obj, cached);
                if (cached is null)
                    Dispatch(h => h.OnAdded(obj));
                else
                    Dispatch(h => h.OnUpdated(cached.Object, obj));
            }
            Volatile.Write(ref _listedAt, snapshot);
        }
    }

    /// <summary>Describes every cached object whose content differs from what the informer stored (see <see cref="InformerOptions.DetectMutations"/>).</summary>
    internal IEnumerable<string> FindMutated()
    {
        lock (_gate)
            return _objects.Where(o => o.Value.IsMutated).Select(o => o.Key.ToString()).ToArray();
    }

    private void Put(ResourceKey key, KubeObject obj, CachedObject? previous)
    {
        if (previous is not null)
            Remove(key, previous);
        var cached = new CachedObject(obj, _detectMutations);
        _objects[key] = cached;
        AddToIndex(_byNamespace, key.Namespace, key);
        foreach (var owner in cached.OwnerUids)
            AddToIndex(_byOwner, owner, key);
        if (cached.NodeName is { } node)
            AddToIndex(_byNode, node, key);
    }

    private void Remove(ResourceKey key, CachedObject cached)
    {
        if (cached.IsMutated)
            _factory.ReportMutation(key);
        _objects.Remove(key);
        RemoveFromIndex(_byNamespace, key.Namespace, key);
        foreach (var owner in cached.OwnerUids)
            RemoveFromIndex(_byOwner, owner, key);
        if (cached.NodeName is { } node)
            RemoveFromIndex(_byNode, node, key);
    }

    private IReadOnlyList<KubeObject> ListIndexed(Dictionary<string, HashSet<ResourceKey>> index, string value)
    {
        lock (_gate)
            return index.TryGetValue(value, out var keys) ? Ordered(keys.Select(k => _objects[k])) : [];
    }

    private static KubeObject[] Ordered(IEnumerable<CachedObject> objects) =>
        objects.OrderBy(c => c.Key.Namespace, StringComparer.Ordinal).ThenBy(c => c.Key.Name, StringComparer.Ordinal).Select(c => c.Object).ToArray();

    private static void AddToIndex(Dictionary<string, HashSet<ResourceKey>> index, string value, ResourceKey key)
    {
        if (!index.TryGetValue(value, out var keys))
            index[value] = keys = [];
        keys.Add(key);
    }

    private static void RemoveFromIndex(Dictionary<string, HashSet<ResourceKey>> index, string value, ResourceKey key)
    {
        if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
            index.Remove(value);
    }

    private void Dispatch(Action<IInformerHandler> call)
    {
        foreach (var handler in _handlers)
            Call(handler, call);
    }

    private void Call(IInformerHandler handler, Action<IInformerHandler> call)
    {
        try
        {
            call(handler);
        }
        catch (Exception e)
        {
            // One faulty handler must not stop the others or the follower; it has missed this change and logs why.
            _factory.ReportHandlerFailure(Type, handler, e);
        }
    }

    private void RemoveHandler(IInformerHandler handler)
    {
        lock (_gate)
            _handlers = _handlers.Where(h => !ReferenceEquals(h, handler)).ToArray();
    }

    private sealed class Registration(Informer informer, IInformerHandler handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                informer.RemoveHandler(handler);
        }
    }
}
