using GitOps.Model.Objects;

namespace GitOps.Grains.Informers;

/// <summary>
/// One object in an <see cref="Informer"/>, with the values its indexes were built from (so removal finds
/// them even if a caller changed the object) and, when mutations are detected, its serialized content.
/// </summary>
internal sealed class CachedObject
{
    private readonly byte[]? _content;

    public CachedObject(KubeObject obj, bool keepContent)
    {
        Object = obj;
        Key = ResourceKey.Of(obj);
        OwnerUids = obj.Metadata.OwnerReferences.Select(o => o.Uid).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        NodeName = obj.Spec?["nodeName"] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String && node.GetValue<string>() is { Length: > 0 } name
            ? name
            : null;
        _content = keepContent ? obj.ToUtf8Json() : null;
    }

    public KubeObject Object { get; }

    public ResourceKey Key { get; }

    public IReadOnlyList<string> OwnerUids { get; }

    public string? NodeName { get; }

    public bool IsMutated => _content is not null && !_content.AsSpan().SequenceEqual(Object.ToUtf8Json());
}
