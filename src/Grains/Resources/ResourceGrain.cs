using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.Model.Validation;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using GitOps.Store;

namespace GitOps.Grains.Resources;

/// <summary>
/// The single writer of one stored object, and the write layer of the API server for it: every
/// create, update, patch, apply, scale, status write and delete is computed here, in one turn, on
/// the object the grain holds, validated by <see cref="ObjectValidator"/>, checked against the
/// fields Git owns (see ResourceGrain.Ownership.cs), and written. It reads the object on
/// activation and keeps it, so a write that would change nothing costs no store write (Unchanged).
/// Every write carries the held resourceVersion as its precondition; if the store disagrees
/// (another writer slipped in), the grain re-reads and answers Conflict. Write times come from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ResourceGrain(
    IResourceStore store,
    TimeProvider time,
    IGitSourceHealing healing,
    ILogger<ResourceGrain> logger) : Grain, IResourceGrain
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
        return await CreateNewAsync(obj.DeepClone(), cancellationToken);
    }

    public async Task<ResourceResult> UpdateAsync(KubeObject obj, CancellationToken cancellationToken) =>
        await UpdateRefusalAsync(obj, cancellationToken)
        ?? await ReplaceObjectAsync(ReplacementOf(obj), "update", cancellationToken);

    public async Task<ResourceResult> UpdateStatusAsync(KubeObject obj, CancellationToken cancellationToken) =>
        await UpdateRefusalAsync(obj, cancellationToken)
        ?? await ReplaceStatusAsync(obj, cancellationToken);

    /// <summary>Why a PUT of <paramref name="obj"/> cannot proceed: another object's key, a missing object, a failed precondition.</summary>
    private async Task<ResourceResult?> UpdateRefusalAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        if (KeyMismatch(obj) is { } invalid)
            return invalid;
        await EnsureLoadedAsync(cancellationToken);
        if (_current is null)
            return NotFound();
        return PreconditionFailure(obj.Metadata.ResourceVersion, obj.Metadata.Uid);
    }

    /// <summary>Prepares (<see cref="PrepareForCreate"/>), validates and creates <paramref name="created"/>, a copy the grain may change.</summary>
    private async Task<ResourceResult> CreateNewAsync(KubeObject created, CancellationToken cancellationToken)
    {
        PrepareForCreate(created);
        if (Validate(created) is { } invalid)
            return invalid;
        return await CommitAsync(ResourceWrite.Create(created), ResourceOutcome.Created, cancellationToken);
    }

    /// <summary>
    /// What a PUT (or a patch, which yields a whole object) makes of the held object: the client's
    /// metadata and spec, the server's uid, timestamps, generation and status. managedFields the
    /// client left out are kept, and the gitops manager's entry is always the one Git recorded.
    /// </summary>
    private KubeObject ReplacementOf(KubeObject obj)
    {
        var next = obj.DeepClone();
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "generation", "resourceVersion" })
            CopyMetadataField(_current!, next, field);
        // As the apiserver does: a PUT that leaves managedFields out keeps the recorded ones.
        if (next.Metadata.Node["managedFields"] is null)
            CopyMetadataField(_current!, next, "managedFields");
        KeepGitOwnership(next);
        next.Status = (JsonObject?)_current!.Status?.DeepClone();
        return next;
    }

    /// <summary>
    /// Writes a new object (its metadata and spec) over the held one: generation moves when the
    /// desired state changed; the result must be valid and may not change what Git owns; the update
    /// that clears the last finalizer of an object being deleted deletes it.
    /// </summary>
    private async Task<ResourceResult> ReplaceObjectAsync(KubeObject next, string verb, CancellationToken cancellationToken)
    {
        if (ObjectContent.DesiredStateDiffers(next, _current!))
            next.Metadata.Generation = _current!.Metadata.Generation + 1;
        if (Validate(next) is { } invalid)
            return invalid;
        if (await GitOwnedFieldRefusalAsync(verb, next, cancellationToken) is { } forbidden)
            return forbidden;
        if (next.Metadata.DeletionTimestamp is not null && next.Metadata.Finalizers.Count == 0)
            return await CompleteDeletionAsync(next, cancellationToken);
        return await ReplaceAsync(next, ResourceOutcome.Updated, cancellationToken);
    }

    /// <summary>The status subresource: the held object with <paramref name="obj"/>'s status. Git never owns status.</summary>
    private async Task<ResourceResult> ReplaceStatusAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        var next = _current!.DeepClone();
        next.Status = (JsonObject?)obj.Status?.DeepClone();
        return await ReplaceAsync(next, ResourceOutcome.Updated, cancellationToken);
    }

    /// <summary>
    /// What the apiserver's PrepareForCreate does: uid, creationTimestamp and generation 1 for a new
    /// object, and the status rule of its kind.
    /// </summary>
    private void PrepareForCreate(KubeObject obj)
    {
        var metadata = obj.Metadata;
        metadata.Uid = Guid.NewGuid().ToString();
        metadata.CreationTimestamp = time.GetUtcNow();
        metadata.Generation = 1;
        metadata.ResourceVersion = null;
        metadata.DeletionTimestamp = null;
        StatusOnCreate.Apply(obj);
    }

    /// <summary>Invalid, with one cause per field at fault, when the object breaks its kind's rules.</summary>
    private ResourceResult? Validate(KubeObject obj)
    {
        var errors = ObjectValidator.Validate(obj);
        if (errors.Count == 0)
            return null;
        return new ResourceResult(ResourceOutcome.Invalid, null,
            $"{Describe(_key)} is invalid: {string.Join("; ", errors)}", ResourceCause.Of(errors));
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
