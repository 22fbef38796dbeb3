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
