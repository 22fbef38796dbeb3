using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Store.Encryption;

/// <summary>
/// Encrypts Secrets (kind Secret, core group) as the store writes them and decrypts them as it reads
/// them, as kube-apiserver's aesgcm provider does: AES-256-GCM, a random 96-bit nonce per value, the
/// object's key as associated data (a value copied to another row does not decrypt), and the key's
/// name stored with the value (<c>k8s:enc:aesgcm:v1:NAME:</c>), so every listed key can read and the
/// first one writes. Other kinds pass through untouched.
/// <para>
/// A stored Secret is an envelope that keeps in clear only what the store selects on: apiVersion,
/// kind, metadata.name, metadata.namespace, metadata.labels and type; the whole object (data,
/// stringData, annotations such as kubectl's last-applied-configuration) is in <see cref="EnvelopeField"/>.
/// A Secret stored in clear (written before encryption was on) still reads; rewriting it encrypts it.
/// </para>
/// </summary>
public sealed class SecretEncryption
{
    public const string Prefix = "k8s:enc:aesgcm:v1:";
    public const string EnvelopeField = "encrypted";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Dictionary<string, EncryptionKey> _readKeys;

    /// <param name="writeKey">The key new values are written with; null writes Secrets in clear (the identity provider first).</param>
    /// <param name="readKeys">Every key values may carry.</param>
    /// <param name="source">Where the keys come from (the key file), for error messages.</param>
    public SecretEncryption(EncryptionKey? writeKey, IEnumerable<EncryptionKey> readKeys, string source)
    {
        WriteKey = writeKey;
        Source = source;
        _readKeys = readKeys.ToDictionary(k => k.Name, StringComparer.Ordinal);
        if (writeKey is not null)
            _readKeys.TryAdd(writeKey.Name, writeKey);
    }

    /// <summary>No keys: Secrets are written in clear, and an encrypted one fails to read with a message saying so.</summary>
    public static SecretEncryption None { get; } = new(null, [], "no key file (encryption at rest is off)");

    public EncryptionKey? WriteKey { get; }

    public string Source { get; }

    /// <summary>Whether values of this kind are encrypted: Secrets of the core group.</summary>
    public static bool Covers(string group, string kind) => group.Length == 0 && kind == "Secret";

    /// <summary>The JSON the store keeps for <paramref name="obj"/>.</summary>
    public string Encode(ResourceKey key, KubeObject obj)
    {
        if (WriteKey is null || !Covers(key.Group, key.Kind))
            return obj.ToJson();
        var envelope = new JsonObject
        {
            ["apiVersion"] = obj.ApiVersion,
            ["kind"] = obj.Kind,
        };
        var metadata = new JsonObject { ["name"] = key.Name };
        if (key.Namespace.Length > 0)
            metadata["namespace"] = key.Namespace;
        if (obj.Metadata.Node["labels"] is JsonObject labels)
            metadata["labels"] = labels.DeepClone();
        envelope["metadata"] = metadata;
        if (obj.Root["type"] is JsonValue type)
            envelope["type"] = type.DeepClone();
        envelope[EnvelopeField] = Seal(key, obj.ToUtf8Json(), WriteKey);
        return envelope.ToJsonString();
    }

    /// <summary>The object the store keeps as <paramref name="stored"/>; throws <see cref="SecretDecryptionException"/> when it cannot be decrypted.</summary>
    public KubeObject Decode(ResourceKey key, string stored)
    {
        var obj = KubeObject.FromJson(stored);
        if (!Covers(key.Group, key.Kind) || SealedText(obj) is not { } sealedText)
            return obj;
        return KubeObject.FromJson(Open(key, sealedText));
    }

    /// <summary>Whether <paramref name="stored"/> is as this encryption would write it now (under the write key, or in clear without one).</summary>
    public bool IsCurrent(string stored)
    {
        var sealedText = SealedText(KubeObject.FromJson(stored));
        return WriteKey is null ? sealedText is null : sealedText is not null && KeyNameOf(sealedText) == WriteKey.Name;
    }

    private static string Seal(ResourceKey key, byte[] plain, EncryptionKey with)
    {
        var output = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(with.Secret, TagBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceBytes, plain.Length), output.AsSpan(NonceBytes + plain.Length), AssociatedData(key));
        return $"{Prefix}{with.Name}:{Convert.ToBase64String(output)}";
    }

    private byte[] Open(ResourceKey key, string sealedText)
    {
        var what = string.IsNullOrEmpty(key.Namespace) ? $"Secret {key.Name}" : $"Secret {key.Namespace}/{key.Name}";
        if (!sealedText.StartsWith(Prefix, StringComparison.Ordinal) || KeyNameOf(sealedText) is not { } name)
            throw new SecretDecryptionException($"{what} is stored in a format this silo does not know (it does not start with '{Prefix}KEYNAME:'); it was not written by this store.");
        if (!_readKeys.TryGetValue(name, out var encryptionKey))
            throw new SecretDecryptionException(
                $"{what} is encrypted with key '{name}', which {Source} does not list. Add that key back to the key file (GitOps:Encryption:KeyFile), " +
                "restart, and rewrite the Secrets under the first key (GitOps.Silo reencrypt-secrets) before removing it.");
        byte[] data;
        try
        {
            data = Convert.FromBase64String(sealedText[(Prefix.Length + name.Length + 1)..]);
        }
        catch (FormatException)
        {
            throw new SecretDecryptionException($"{what} (key '{name}') is damaged: its encrypted value is not base64.");
        }
        if (data.Length < NonceBytes + TagBytes)
            throw new SecretDecryptionException($"{what} (key '{name}') is damaged: its encrypted value is {data.Length} bytes, shorter than a nonce and a tag.");
        var plain = new byte[data.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(encryptionKey.Secret, TagBytes);
            aes.Decrypt(data.AsSpan(0, NonceBytes), data.AsSpan(NonceBytes, plain.Length), data.AsSpan(NonceBytes + plain.Length), plain, AssociatedData(key));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretDecryptionException(
                $"{what} does not decrypt with key '{name}' of {Source}: that key's secret is not the one the value was written with, or the stored row was altered.");
        }
        return plain;
    }

    private static string? SealedText(KubeObject obj) =>
        obj.Root[EnvelopeField] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? KeyNameOf(string sealedText)
    {
        if (!sealedText.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var end = sealedText.IndexOf(':', Prefix.Length);
        return end > Prefix.Length ? sealedText[Prefix.Length..end] : null;
    }

    private static byte[] AssociatedData(ResourceKey key) => Encoding.UTF8.GetBytes(key.ToString());
}
