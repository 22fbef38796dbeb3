using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>
/// Git's guard, as a field-ownership rule: the fields GitSync applied are recorded as the
/// <c>gitops</c> field manager's (<see cref="GitOpsMetadata.FieldManager"/>). A write by anyone
/// else (the API, a controller) that changes one of them, or the source stamps, is refused while
/// the owning source heals drift (<see cref="IGitSourceHealing"/>); the refusal names the
/// repository, file and commit to edit. Fields Git does not own (status, a scheduler's
/// spec.nodeName, finalizers, other labels and annotations) stay writable. ApplyDesiredAsync, Git's
/// own write, is not subject to it.
/// </summary>
internal sealed partial class ResourceGrain
{
    private const int NamedFieldsLimit = 5;

    /// <summary>Forbidden when <paramref name="next"/> changes fields Git owns in the held object and its source heals.</summary>
    private async Task<ResourceResult?> GitOwnedFieldRefusalAsync(string verb, KubeObject next, CancellationToken cancellationToken)
    {
        if (GitOwnedFields(_current!) is not { } owned)
            return null;
        var changed = owned.Leaves()
            .Where(path => !JsonNode.DeepEquals(ValueAt(_current!.Root, path), ValueAt(next.Root, path)))
            .Select(path => string.Join('.', path))
            .Concat(ChangedSourceStamps(next))
            .ToList();
        if (changed.Count == 0 || !await SourceHealsAsync(cancellationToken))
            return null;
        var fields = string.Join(", ", changed.Take(NamedFieldsLimit)) + (changed.Count > NamedFieldsLimit ? $" and {changed.Count - NamedFieldsLimit} more" : "");
        return GitRefusal(verb, $"this {verb} changes {fields}, which {OwnerText()} owns");
    }

    /// <summary>
    /// Forbidden when a delete would remove an object Git declares, unless it is its own source's prune or
    /// the control plane's deletion of an object whose owner or node is gone.
    /// </summary>
    private async Task<ResourceResult?> GitOwnedObjectDeleteRefusalAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        if (request.HolderGone || GitOwnedFields(_current!) is null)
            return null;
        var source = _current!.Metadata.GetLabel(GitOpsMetadata.SourceLabel);
        if (request.SyncRun is { } run && run.Source == source)
            return null;
        if (!await SourceHealsAsync(cancellationToken))
            return null;
        return GitRefusal("delete", $"{OwnerText()} declares this object");
    }

    /// <summary>
    /// Keeps the gitops manager's managedFields entry as Git recorded it, whatever the writer sent:
    /// only GitSync says which fields Git owns.
    /// </summary>
    private void KeepGitOwnership(KubeObject next)
    {
        var recorded = GitOwnershipEntry(_current!);
        var sent = GitOwnershipEntry(next);
        if (JsonNode.DeepEquals(recorded, sent))
            return;
        var entries = (next.Metadata.Node["managedFields"] as JsonArray)?
            .Where(e => !ReferenceEquals(e, sent)).Select(e => e?.DeepClone()).ToList() ?? [];
        if (recorded is not null)
            entries.Add(recorded.DeepClone());
        if (entries.Count == 0)
            next.Metadata.Node.Remove("managedFields");
        else
            next.Metadata.Node["managedFields"] = new JsonArray([.. entries]);
    }

    private static JsonObject? GitOwnershipEntry(KubeObject obj) =>
        (obj.Metadata.Node["managedFields"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(e => e["manager"] is JsonValue m && m.TryGetValue<string>(out var name) && name == GitOpsMetadata.FieldManager);

    private static FieldSet? GitOwnedFields(KubeObject obj) =>
        FieldSet.OfManager(obj, GitOpsMetadata.FieldManager) is { IsEmpty: false } owned ? owned : null;

    /// <summary>The source stamps (label and annotations GitSync sets) <paramref name="next"/> changes.</summary>
    private IEnumerable<string> ChangedSourceStamps(KubeObject next)
    {
        var current = _current!.Metadata;
        if (current.GetLabel(GitOpsMetadata.SourceLabel) != next.Metadata.GetLabel(GitOpsMetadata.SourceLabel))
            yield return $"metadata.labels.{GitOpsMetadata.SourceLabel}";
        foreach (var annotation in new[] { GitOpsMetadata.RepositoryAnnotation, GitOpsMetadata.PathAnnotation, GitOpsMetadata.CommitAnnotation, GitOpsMetadata.SyncRunAnnotation })
        {
            if (current.GetAnnotation(annotation) != next.Metadata.GetAnnotation(annotation))
                yield return $"metadata.annotations.{annotation}";
        }
    }

    /// <summary>Whether the source that applied the held object heals drift; an object Git owns without a source label is always guarded.</summary>
    private async Task<bool> SourceHealsAsync(CancellationToken cancellationToken) =>
        _current!.Metadata.GetLabel(GitOpsMetadata.SourceLabel) is not { } source || await healing.HealsAsync(source, cancellationToken);

    private string OwnerText() =>
        _current!.Metadata.GetLabel(GitOpsMetadata.SourceLabel) is { } source
            ? $"Git source \"{source}\" (self-heal on, so the change would be reverted)"
            : "Git";

    private ResourceResult GitRefusal(string verb, string why)
    {
        var metadata = _current!.Metadata;
        var source = metadata.GetLabel(GitOpsMetadata.SourceLabel) ?? "";
        var path = metadata.GetAnnotation(GitOpsMetadata.PathAnnotation) ?? "the file that declares it";
        var repository = metadata.GetAnnotation(GitOpsMetadata.RepositoryAnnotation) ?? "its Git repository";
        var commit = metadata.GetAnnotation(GitOpsMetadata.CommitAnnotation) ?? "";
        ResourceLog.RefusedGitOwnedWrite(logger, verb, _key.Kind, _key.Namespace, _key.Name, source, path, commit);
        var lastApplied = commit.Length > 0 ? $" (last applied from commit {commit})" : "";
        return new ResourceResult(ResourceOutcome.Forbidden, _current,
            $"{why}; edit {path} in {repository}{lastApplied} and push instead");
    }

    private static JsonNode? ValueAt(JsonObject root, IReadOnlyList<string> path)
    {
        JsonNode? node = root;
        foreach (var field in path)
            node = (node as JsonObject)?[field];
        return node;
    }
}
