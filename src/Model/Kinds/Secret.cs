using System.Text;
using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a Secret: <c>data</c> is base64, <c>stringData</c> is plain text that overrides it.</summary>
public sealed class Secret(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "Secret";

    public static Secret Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    public string Type { get => Object.Root.GetString("type") ?? "Opaque"; set => Object.Root.SetString("type", value); }

    /// <summary>data decoded from base64, with stringData entries applied on top (as the API server merges them).</summary>
    public IReadOnlyDictionary<string, byte[]> Data
    {
        get
        {
            var result = DecodeMap(Object.Root.GetStringMap("data"));
            foreach (var (key, value) in Object.Root.GetStringMap("stringData"))
                result[key] = Encoding.UTF8.GetBytes(value);
            return result;
        }
    }

    /// <summary>One entry as UTF-8 text, or null when absent.</summary>
    public string? GetString(string key) => Data.TryGetValue(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Replaces data with base64 of the given values and removes stringData.</summary>
    public void SetData(IEnumerable<KeyValuePair<string, byte[]>> values)
    {
        Object.Root.SetStringMap("data", values.Select(p => KeyValuePair.Create(p.Key, Convert.ToBase64String(p.Value))));
        Object.Root.Remove("stringData");
    }

    internal static Dictionary<string, byte[]> DecodeMap(IReadOnlyDictionary<string, string> encoded)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in encoded)
        {
            var buffer = new byte[value.Length];
            if (Convert.TryFromBase64String(value, buffer, out var written))
                result[key] = buffer[..written];
        }
        return result;
    }
}
