using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a ConfigMap (data and binaryData at the top level).</summary>
public sealed class ConfigMap(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "ConfigMap";

    public static ConfigMap Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    public IReadOnlyDictionary<string, string> Data { get => Object.Root.GetStringMap("data"); set => Object.Root.SetStringMap("data", value); }

    /// <summary>binaryData decoded from base64; entries that are not valid base64 are left out.</summary>
    public IReadOnlyDictionary<string, byte[]> BinaryData => Secret.DecodeMap(Object.Root.GetStringMap("binaryData"));

    public bool Immutable => Object.Root.GetBool("immutable") ?? false;
}
