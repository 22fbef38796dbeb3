using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Model.Objects;

/// <summary>
/// The entries of <c>metadata.managedFields</c>, one per field manager, as server-side apply keeps
/// them: which manager owns which fields (a <see cref="FieldSet"/>), by which operation, since when.
/// </summary>
public static class ManagedFieldEntries
{
    public const string ApplyOperation = "Apply";

    /// <summary>
    /// What an apply of <paramref name="intent"/> declares: its content fields (all but apiVersion,
    /// kind, metadata and status) and the labels and annotations it sets, except the keys
    /// <paramref name="serverSet"/> names (set by the server, never declared).
    /// </summary>
    public static JsonObject Declared(KubeObject intent, Func<string, bool>? serverSet = null)
    {
        var declared = new JsonObject();
        foreach (var field in intent.ContentFields)
            declared[field] = intent.Root[field]?.DeepClone();
        var metadata = new JsonObject();
        foreach (var map in new[] { "labels", "annotations" })
        {
            if (intent.Metadata.Node[map] is not JsonObject entries)
                continue;
            var kept = new JsonObject();
            foreach (var (key, value) in entries)
            {
                if (serverSet is null || !serverSet(key))
                    kept[key] = value?.DeepClone();
            }
            if (kept.Count > 0)
                metadata[map] = kept;
        }
        if (metadata.Count > 0)
            declared["metadata"] = metadata;
        return declared;
    }

    /// <summary>
    /// Applies <paramref name="declared"/> (see <see cref="Declared"/>) to <paramref name="target"/> as
    /// <paramref name="manager"/>'s whole intent: removes the fields the manager owned and no longer
    /// declares, writes the declared ones over the object (maps entry by entry, lists whole) and
    /// records them as the manager's. Fields other writers set stay.
    /// </summary>
    public static void Apply(KubeObject target, string manager, JsonObject declared, DateTimeOffset now)
    {
        var owned = FieldSet.Declared(declared);
        (FieldSet.OfManager(target, manager) ?? FieldSet.Declared([])).RemoveFieldsNotIn(owned, target.Root);
        FieldSet.Merge(declared, target.Root);
        Record(target, manager, ApplyOperation, owned, now);
    }

    /// <summary>Every manager that recorded fields with an Apply, and its fields.</summary>
    public static IReadOnlyList<(string Manager, FieldSet Fields)> Appliers(KubeObject obj) =>
        (obj.Metadata.Node["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => Text(e, "operation") == ApplyOperation && Text(e, "manager") is { Length: > 0 })
            .Select(e => (Text(e, "manager")!, FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject ?? [])))
            .ToArray();

    /// <summary>
    /// Records <paramref name="owned"/> as the fields of <paramref name="manager"/>, replacing its
    /// entry when the set differs (its time then moves); an empty set removes the entry. Other
    /// managers' entries stay.
    /// </summary>
    public static void Record(KubeObject obj, string manager, string operation, FieldSet owned, DateTimeOffset now)
    {
        var recorded = FieldSet.OfManager(obj, manager);
        if (recorded is not null && recorded.SameAs(owned))
            return;
        if (recorded is null && owned.IsEmpty)
            return;
        var entries = obj.Metadata.Node["managedFields"] as JsonArray ?? [];
        var kept = entries.Where(e => e is JsonObject o && Text(o, "manager") != manager).Select(e => e!.DeepClone()).ToList();
        if (!owned.IsEmpty)
        {
            kept.Add(new JsonObject
            {
                ["manager"] = manager,
                ["operation"] = operation,
                ["apiVersion"] = obj.ApiVersion,
                ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = owned.ToFieldsV1(),
            });
        }
        if (kept.Count == 0)
            obj.Metadata.Node.Remove("managedFields");
        else
            obj.Metadata.Node["managedFields"] = new JsonArray([.. kept]);
    }

    private static string? Text(JsonObject entry, string field) =>
        entry[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
