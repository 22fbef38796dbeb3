using System.Security.Cryptography;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Store.Encryption;

/// <summary>
/// Reads the key file: kube-apiserver's EncryptionConfiguration, with one resources entry for
/// <c>secrets</c> whose providers are <c>aesgcm</c> (named keys, each a base64 32-byte secret) and
/// optionally <c>identity</c>. The first provider decides how Secrets are written (its first key, or
/// in clear for identity); every aesgcm key listed can read. Errors name the file and line.
/// </summary>
public static class EncryptionKeyFile
{
    public const int KeyBytes = 32;

    /// <summary>Reads the key file at <paramref name="path"/>, creating it with one new random key when it does not exist.</summary>
    public static (SecretEncryption Encryption, bool Created) LoadOrCreate(string path)
    {
        var created = !File.Exists(path) && TryCreate(path);
        return (Load(path), created);
    }

    public static SecretEncryption Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The encryption key file {path} (GitOps:Encryption:KeyFile) cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static SecretEncryption Parse(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Invalid(path, e.Start, $"is not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw Invalid(path, Mark.Empty, "must hold one EncryptionConfiguration document");
        if (Scalar(root, "kind") != "EncryptionConfiguration")
            throw Invalid(path, root.Start, "must have kind: EncryptionConfiguration (apiVersion: apiserver.config.k8s.io/v1)");
        if (Child(root, "resources") is not YamlSequenceNode resources)
            throw Invalid(path, root.Start, "has no resources list; list one entry with resources: [secrets] and its providers");

        YamlSequenceNode? providers = null;
        foreach (var entry in resources.Children.OfType<YamlMappingNode>())
        {
            var names = (Child(entry, "resources") as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(n => n.Value).ToArray() ?? [];
            foreach (var name in names.Where(n => n != "secrets"))
                throw Invalid(path, entry.Start, $"lists resource '{name}'; only secrets are encrypted at rest, remove it");
            if (names.Length > 0)
                providers = Child(entry, "providers") as YamlSequenceNode ?? throw Invalid(path, entry.Start, "has an entry without providers");
        }
        if (providers is null || providers.Children.Count == 0)
            throw Invalid(path, resources.Start, "has no providers for secrets; list an aesgcm provider with at least one key");

        EncryptionKey? writeKey = null;
        var keys = new List<EncryptionKey>();
        for (var i = 0; i < providers.Children.Count; i++)
        {
            if (providers.Children[i] is not YamlMappingNode provider || provider.Children.Count != 1)
                throw Invalid(path, providers.Children[i].Start, "each provider is a mapping with one entry: aesgcm or identity");
            var (kind, body) = provider.Children.First();
            switch (((YamlScalarNode)kind).Value)
            {
                case "identity":
                    break;
                case "aesgcm":
                    var read = Keys(body, path);
                    if (i == 0)
                        writeKey = read[0];
                    keys.AddRange(read);
                    break;
                default:
                    throw Invalid(path, kind.Start, $"provider '{kind}' is not supported; use aesgcm (or identity to write Secrets in clear)");
            }
        }
        var duplicate = keys.GroupBy(k => k.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Invalid(path, providers.Start, $"names key '{duplicate.Key}' twice; key names must be unique, they are stored with each value");
        return new SecretEncryption(writeKey, keys, $"the key file {path}");
    }

    /// <summary>The text of a key file with one key of that name and secret.</summary>
    public static string Format(params EncryptionKey[] keys) =>
        $"""
        # Keys that encrypt Secrets at rest (kube-apiserver's EncryptionConfiguration format).
        # New writes use the first key; every key listed can read. To rotate: add a new key first,
        # restart the silos, run `GitOps.Silo reencrypt-secrets`, then remove the old key.
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
          - resources:
              - secrets
            providers:
              - aesgcm:
                  keys:
        {string.Concat(keys.Select(k => $"              - name: {k.Name}\n                secret: {Convert.ToBase64String(k.Secret)}\n"))}
        """;

    public static EncryptionKey NewKey(string name) => new(name, RandomNumberGenerator.GetBytes(KeyBytes));

    // Silos starting at once on a shared volume must end up with one key: creation happens under an
    // exclusive lock on a hidden lock file beside it, and the file appears whole (written aside, then renamed).
    private static bool TryCreate(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        using var guard = Lock(Path.Combine(directory, $".{Path.GetFileName(path)}.lock"));
        if (File.Exists(path))
            return false;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var writer = new StreamWriter(temporary, System.Text.Encoding.UTF8, options))
                writer.Write(Format(NewKey($"key-{DateTime.UtcNow:yyyyMMddTHHmmssZ}")));
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // FileShare.None takes an advisory lock that other processes (and other streams of this one) respect.
    private static FileStream Lock(string lockFile)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static List<EncryptionKey> Keys(YamlNode body, string path)
    {
        if (body is not YamlMappingNode mapping || Child(mapping, "keys") is not YamlSequenceNode list || list.Children.Count == 0)
            throw Invalid(path, body.Start, "aesgcm needs keys: a list of name and secret");
        var keys = new List<EncryptionKey>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode key || Scalar(key, "name") is not { Length: > 0 } name || name.Contains(':'))
                throw Invalid(path, item.Start, "each key needs a name (without ':')");
            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(Scalar(key, "secret") ?? "");
            }
            catch (FormatException)
            {
                throw Invalid(path, item.Start, $"key '{name}' has a secret that is not base64");
            }
            if (secret.Length != KeyBytes)
                throw Invalid(path, item.Start, $"key '{name}' is {secret.Length} bytes; AES-256-GCM needs {KeyBytes} (head -c 32 /dev/urandom | base64)");
            keys.Add(new EncryptionKey(name, secret));
        }
        return keys;
    }

    private static YamlNode? Child(YamlMappingNode mapping, string name) =>
        mapping.Children.TryGetValue(new YamlScalarNode(name), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode mapping, string name) => (Child(mapping, name) as YamlScalarNode)?.Value;

    private static InvalidOperationException Invalid(string path, Mark at, string problem) =>
        new($"The encryption key file {path}{(at.Line > 0 ? $":{at.Line}" : "")} (GitOps:Encryption:KeyFile) {problem}.");
}
