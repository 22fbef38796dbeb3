using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>
/// Server-side apply (what <c>kubectl apply --server-side</c> and Flux send): the intent is the
/// manager's whole intent. The fields it declares become the manager's (recorded in
/// managedFields), are written over the held object (maps entry by entry, lists whole), and fields
/// the manager declared last time and no longer declares are removed; an absent object is created.
/// A declared field another applier owns with a different value is a Conflict naming both, unless
/// force takes it over. Fields written by update or patch are not tracked as owned, so only
/// appliers (Git sources among them) conflict.
/// </summary>
internal sealed partial class ResourceGrain
{
    public async Task<ResourceResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        var intent = request.Intent;
        if (KeyMismatch(intent) is { } invalid)
            return invalid;
        await EnsureLoadedAsync(cancellationToken);
        var declared = ManagedFieldEntries.Declared(intent);
        var now = time.GetUtcNow();

        if (_current is null)
        {
            var created = intent.DeepClone();
            created.Status = null;
            created.Metadata.Node.Remove("managedFields");
            ManagedFieldEntries.Record(created, request.Manager, ManagedFieldEntries.ApplyOperation, FieldSet.Declared(declared), now);
            return await CreateNewAsync(created, cancellationToken);
        }

        var next = _current.DeepClone();
        var conflicts = TakeOver(next, request.Manager, FieldSet.Declared(declared), declared, request.Force, now);
        ManagedFieldEntries.Apply(next, request.Manager, declared, now);
        // Git's ownership first: with self-heal on, the answer is the file to edit, not a conflict to force.
        if (await GitOwnedFieldRefusalAsync("apply", next, cancellationToken) is { } forbidden)
            return forbidden;
        if (conflicts.Count > 0)
            return ApplyConflict(conflicts);
        return await ReplaceObjectAsync(next, "apply", cancellationToken);
    }

    private ResourceResult ApplyConflict(List<ResourceCause> conflicts) =>
        new(ResourceOutcome.Conflict, _current,
            $"Apply failed with {conflicts.Count} conflict{(conflicts.Count == 1 ? "" : "s")}: " +
            string.Join("; ", conflicts.Select(c => $"{c.Message}: {c.Field}")) +
            ". Leave these fields out of your apply, or take them over with --force-conflicts (force=true)",
            conflicts);

    /// <summary>
    /// The conflicts with other appliers: declared fields they own with another value. With
    /// <paramref name="force"/> those fields leave the other managers' sets instead and nothing is reported.
    /// </summary>
    private static List<ResourceCause> TakeOver(KubeObject next, string manager, FieldSet owned, JsonObject declared, bool force, DateTimeOffset now)
    {
        var conflicts = new List<ResourceCause>();
        foreach (var (other, fields) in ManagedFieldEntries.Appliers(next))
        {
            if (other == manager)
                continue;
            var remaining = fields;
            foreach (var path in owned.Leaves())
            {
                if (!fields.Owns(path) || JsonNode.DeepEquals(ValueAt(next.Root, path), ValueAt(declared, path)))
                    continue;
                if (force)
                    remaining = remaining.Without(path);
                else
                    conflicts.Add(new ResourceCause("FieldManagerConflict", $"conflict with \"{other}\"", "." + string.Join('.', path)));
            }
            if (force && !ReferenceEquals(remaining, fields))
                ManagedFieldEntries.Record(next, other, ManagedFieldEntries.ApplyOperation, remaining, now);
        }
        return conflicts;
    }
}
