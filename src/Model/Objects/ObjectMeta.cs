using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Model.Objects;

/// <summary>A read-write view over an object's <c>metadata</c> node.</summary>
public sealed class ObjectMeta(JsonObject node)
{
    public JsonObject Node { get; } = node;

    public string? Name { get => GetString("name"); set => SetString("name", value); }

    public string? GenerateName { get => GetString("generateName"); set => SetString("generateName", value); }

    public string? Namespace { get => GetString("namespace"); set => SetString("namespace", value); }

    public string? Uid { get => GetString("uid"); set => SetString("uid", value); }

    public string? ResourceVersion { get => GetString("resourceVersion"); set => SetString("resourceVersion", value); }

    /// <summary>The resourceVersion as a number; 0 when absent or not numeric.</summary>
    public long ResourceVersionNumber =>
        long.TryParse(ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public long Generation
    {
        get => Json.JsonFields.ToLong(Node["generation"]) ?? 0;
        set => Node["generation"] = value;
    }

    public DateTimeOffset? CreationTimestamp { get => GetTime("creationTimestamp"); set => SetTime("creationTimestamp", value); }

    public DateTimeOffset? DeletionTimestamp { get => GetTime("deletionTimestamp"); set => SetTime("deletionTimestamp", value); }

    public IReadOnlyDictionary<string, string> Labels => ReadMap("labels");

    public IReadOnlyDictionary<string, string> Annotations => ReadMap("annotations");

    public void SetLabel(string key, string? value) => SetMapEntry("labels", key, value);

    public void SetAnnotation(string key, string? value) => SetMapEntry("annotations", key, value);

    public string? GetLabel(string key) => (Node["labels"] as JsonObject)?[key]?.GetValue<string>();

    public string? GetAnnotation(string key) => (Node["annotations"] as JsonObject)?[key]?.GetValue<string>();

    public IReadOnlyList<string> Finalizers =>
        Node["finalizers"] is JsonArray array ? array.Select(f => f?.GetValue<string>() ?? "").ToArray() : [];

    public void SetFinalizers(IEnumerable<string> finalizers)
    {
        var list = finalizers.ToArray();
        if (list.Length == 0)
            Node.Remove("finalizers");
        else
            Node["finalizers"] = new JsonArray(list.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
    }

    public IReadOnlyList<OwnerReference> OwnerReferences =>
        Node["ownerReferences"] is JsonArray array
            ? array.OfType<JsonObject>().Select(ReadOwnerReference).ToArray()
            : [];

    public void SetOwnerReferences(IEnumerable<OwnerReference> owners)
    {
        var list = owners.ToArray();
        if (list.Length == 0)
        {
            Node.Remove("ownerReferences");
            return;
        }
        var array = new JsonArray();
        foreach (var owner in list)
        {
            var entry = new JsonObject
            {
                ["apiVersion"] = owner.ApiVersion,
                ["kind"] = owner.Kind,
                ["name"] = owner.Name,
                ["uid"] = owner.Uid,
            };
            if (owner.Controller)
                entry["controller"] = true;
            if (owner.BlockOwnerDeletion)
                entry["blockOwnerDeletion"] = true;
            array.Add(entry);
        }
        Node["ownerReferences"] = array;
    }

    /// <summary>The owner reference marked <c>controller: true</c>, if any.</summary>
    public OwnerReference? ControllerReference => OwnerReferences.FirstOrDefault(o => o.Controller);

    private static OwnerReference ReadOwnerReference(JsonObject o) => new(
        o["apiVersion"]?.GetValue<string>() ?? "",
        o["kind"]?.GetValue<string>() ?? "",
        o["name"]?.GetValue<string>() ?? "",
        o["uid"]?.GetValue<string>() ?? "",
        o["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController,
        o["blockOwnerDeletion"] is JsonValue b && b.TryGetValue<bool>(out var blocks) && blocks);

    private string? GetString(string key) =>
        Node[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private void SetString(string key, string? value)
    {
        if (value is null)
            Node.Remove(key);
        else
            Node[key] = value;
    }

    private DateTimeOffset? GetTime(string key) =>
        GetString(key) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;

    private void SetTime(string key, DateTimeOffset? value) =>
        SetString(key, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private Dictionary<string, string> ReadMap(string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Node[key] is JsonObject obj)
        {
            foreach (var (k, v) in obj)
                map[k] = v is JsonValue value && value.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        }
        return map;
    }

    private void SetMapEntry(string mapKey, string key, string? value)
    {
        var map = Node[mapKey] as JsonObject;
        if (value is null)
        {
            map?.Remove(key);
            if (map is { Count: 0 })
                Node.Remove(mapKey);
            return;
        }
        if (map is null)
        {
            map = new JsonObject();
            Node[mapKey] = map;
        }
        map[key] = value;
    }
}
