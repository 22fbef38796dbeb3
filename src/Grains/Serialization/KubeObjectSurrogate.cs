using GitOps.Model.Objects;

namespace GitOps.Grains.Serialization;

/// <summary>
/// How a <see cref="KubeObject"/> crosses a grain call or is persisted: its compact UTF-8 JSON.
/// Converting back builds a new tree, so a caller and a grain never share a mutable object.
/// </summary>
[GenerateSerializer, Immutable, Alias("GitOps.KubeObject")]
public readonly struct KubeObjectSurrogate(byte[] utf8Json)
{
    [Id(0)]
    public byte[] Utf8Json { get; } = utf8Json;
}

[RegisterConverter]
public sealed class KubeObjectConverter : IConverter<KubeObject, KubeObjectSurrogate>
{
    public KubeObject ConvertFromSurrogate(in KubeObjectSurrogate surrogate) => KubeObject.FromJson(surrogate.Utf8Json);

    public KubeObjectSurrogate ConvertToSurrogate(in KubeObject value) => new(value.ToUtf8Json());
}
