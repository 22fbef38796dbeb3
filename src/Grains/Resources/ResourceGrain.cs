using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;
using GitOps.Store;

namespace GitOps.Grains.Resources;

/// <summary>
/// The single writer of one stored object. It reads the object on activation and keeps it, so a
/// write that would change nothing costs no store write (Unchanged). Every write carries the
/// held resourceVersion as its precondition; if the store disagrees (another writer slipped in),
/// the grain re-reads and answers Conflict.
/// </summary>
internal sealed partial class ResourceGrain(IResourceStore store) : Grain, IResourceGrain
{
    private ResourceKey _key;
    private KubeObject? _current;
    private bool _loaded;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ResourceKey.Parse(this.GetPrimaryKeyString());
        await LoadAsync(cancellationToken);
    }

    public async Task<ResourceResult> CreateAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        if (KeyMismatch(obj) is { } invalid)
            return invalid;
        await EnsureLoadedAsync(cancellationToken);
        if (_current is not null)
            return new ResourceResult(ResourceOutcome.AlreadyExists, _current, $"{Describe(_key)} already exists; update it, or delete it first.");
        var created = obj.DeepClone();
        PrepareForCreate(created);
        return await CommitAsync(ResourceWrite.Create(created), ResourceOutcome.Created, cancellationToken);
    }

    public async Task<ResourceResult> UpdateAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        if (KeyMismatch(obj) is { } invalid)
            return invalid;
        await EnsureLoadedAsync(cancellationToken);
        if (_current is null)
            return NotFound();
        if (PreconditionFailure(obj.Metadata.ResourceVersion, obj.Metadata.Uid) is { } conflict)
            return conflict;

        var next = obj.DeepClone();
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "generation", "resourceVersion" })
            CopyMetadataField(_current, next, field);
        // As the apiserver does: a PUT that leaves managedFields out keeps the recorded ones.
        if (next.Metadata.Node["managedFields"] is null)
            CopyMetadataField(_current, next, "managedFields");
        next.Status = (JsonObject?)_current.Status?.DeepClone();
        if (ObjectContent.DesiredStateDiffers(next, _current))
            next.Metadata.Generation = _current.Metadata.Generation + 1;

        if (next.Metadata.DeletionTimestamp is not null && next.Metadata.Finalizers.Count == 0)
            return await CompleteDeletionAsync(next, cancellationToken);
        return await ReplaceAsync(next, ResourceOutcome.Updated, cancellationToken);
    }

    public async Task<ResourceResult> UpdateStatusAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        if (KeyMismatch(obj) is { } invalid)
            return invalid;
        await EnsureLoadedAsync(cancellationToken);
        if (_current is null)
            return NotFound();
        if (PreconditionFailure(obj.Metadata.ResourceVersion, obj.Metadata.Uid) is { } conflict)
            return conflict;
        var next = _current.DeepClone();
        next.Status = (JsonObject?)obj.Status?.DeepClone();
        return await ReplaceAsync(next, ResourceOutcome.Updated, cancellationToken);
    }

    /// <summary>Uid, creationTimestamp and generation 1 for a new object, and the status rule of its kind.</summary>
    private static void PrepareForCreate(KubeObject obj)
    {
        var metadata = obj.Metadata;
        metadata.Uid = Guid.NewGuid().ToString();
        metadata.CreationTimestamp = TimeProvider.System.GetUtcNow();
        metadata.Generation = 1;
        metadata.ResourceVersion = null;
        metadata.DeletionTimestamp = null;
        StatusOnCreate.Apply(obj);
    }

    private ResourceResult? KeyMismatch(KubeObject obj)
    {
        var key = ResourceKey.Of(obj);
        if (key == _key && !string.IsNullOrEmpty(key.Name))
            return null;
        return new ResourceResult(ResourceOutcome.Invalid, null,
            $"The object {Describe(key)} was sent to the grain of {Describe(_key)}; send it to the grain keyed \"{key}\" (kind, apiVersion group, namespace and name must match).");
    }

    /// <summary>Conflict when the caller named a resourceVersion or uid other than the stored one.</summary>
    private ResourceResult? PreconditionFailure(string? resourceVersion, string? uid)
    {
        var stored = _current!.Metadata;
        if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != stored.ResourceVersion)
            return new ResourceResult(ResourceOutcome.Conflict, _current,
                $"Operation cannot be fulfilled on {Describe(_key)}: the object has been modified (you sent resourceVersion {resourceVersion}, the stored one is {stored.ResourceVersion}); read it again and apply your change to the latest version.");
        if (!string.IsNullOrEmpty(uid) && uid != stored.Uid)
            return new ResourceResult(ResourceOutcome.Conflict, _current,
                $"Precondition failed on {Describe(_key)}: you sent uid {uid}, the stored object has uid {stored.Uid} (it was deleted and created again); read it again.");
        return null;
    }

    private ResourceResult NotFound() =>
        new(ResourceOutcome.NotFound, null, $"{Describe(_key)} does not exist; create it first.");

    private static void CopyMetadataField(KubeObject from, KubeObject to, string field)
    {
        if (from.Metadata.Node[field] is { } value)
            to.Metadata.Node[field] = value.DeepClone();
        else
            to.Metadata.Node.Remove(field);
    }

    private static string Describe(ResourceKey key)
    {
        var type = string.IsNullOrEmpty(key.Group) ? key.Kind : $"{key.Kind}.{key.Group}";
        return string.IsNullOrEmpty(key.Namespace) ? $"{type} \"{key.Name}\"" : $"{type} \"{key.Name}\" in namespace \"{key.Namespace}\"";
    }
}
