using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GitOps.Model.Objects;

/// <summary>
/// A Kubernetes-shaped object (apiVersion, kind, metadata, spec, status) kept as a JSON tree,
/// so fields this code does not know about round-trip unchanged. Typed views read and write
/// through to <see cref="Root"/>. Instances are mutable: clone before changing one you did not create.
/// </summary>
[JsonConverter(typeof(KubeObjectJsonConverter))]
public sealed class KubeObject
{
    private static readonly JsonSerializerOptions CompactOptions = new() { WriteIndented = false };

    public KubeObject(JsonObject root) => Root = root;

    public KubeObject(string apiVersion, string kind, string? @namespace, string name)
        : this(new JsonObject())
    {
        ApiVersion = apiVersion;
        Kind = kind;
        Metadata.Name = name;
        if (!string.IsNullOrEmpty(@namespace))
            Metadata.Namespace = @namespace;
    }

    public JsonObject Root { get; }

    public string ApiVersion
    {
        get => Root["apiVersion"]?.GetValue<string>() ?? "";
        set => Root["apiVersion"] = value;
    }

    public string Kind
    {
        get => Root["kind"]?.GetValue<string>() ?? "";
        set => Root["kind"] = value;
    }

    /// <summary>The API group: "" for the core group ("v1"), "apps" for "apps/v1".</summary>
    public string Group => ApiVersionParts.GroupOf(ApiVersion);

    public string Version => ApiVersionParts.VersionOf(ApiVersion);

    public ObjectMeta Metadata => new(ChildObject("metadata"));

    public JsonObject? Spec
    {
        get => Root["spec"] as JsonObject;
        set => SetOrRemove("spec", value);
    }

    public JsonObject? Status
    {
        get => Root["status"] as JsonObject;
        set => SetOrRemove("status", value);
    }

    /// <summary>The names of the top-level fields that are the object's content: all but apiVersion, kind, metadata and status (spec, data, rules…).</summary>
    public IReadOnlyList<string> ContentFields =>
        Root.Select(p => p.Key).Where(name => name is not ("apiVersion" or "kind" or "metadata" or "status")).ToArray();

    /// <summary>The spec node, created empty when missing.</summary>
    public JsonObject EnsureSpec() => ChildObject("spec");

    /// <summary>The status node, created empty when missing.</summary>
    public JsonObject EnsureStatus() => ChildObject("status");

    public KubeObject DeepClone() => new((JsonObject)Root.DeepClone());

    public string ToJson() => Root.ToJsonString(CompactOptions);

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(Root, CompactOptions);

    public static KubeObject FromJson(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A Kubernetes object must be a JSON object."));

    public static KubeObject FromJson(ReadOnlySpan<byte> utf8Json) =>
        new(JsonNode.Parse(utf8Json) as JsonObject ?? throw new JsonException("A Kubernetes object must be a JSON object."));

    public override string ToString() =>
        string.IsNullOrEmpty(Metadata.Namespace) ? $"{Kind}/{Metadata.Name}" : $"{Kind} {Metadata.Namespace}/{Metadata.Name}";

    private JsonObject ChildObject(string name)
    {
        if (Root[name] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        Root[name] = created;
        return created;
    }

    private void SetOrRemove(string name, JsonNode? value)
    {
        if (value is null)
            Root.Remove(name);
        else
            Root[name] = value;
    }
}
