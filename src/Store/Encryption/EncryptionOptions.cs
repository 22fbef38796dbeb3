namespace GitOps.Store.Encryption;

/// <summary>
/// <c>GitOps:Encryption</c>: where the keys that encrypt Secrets at rest come from. The PostgreSQL
/// store reads <see cref="KeyFile"/> at start and creates it, with one new random key, when it does not exist.
/// </summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "GitOps:Encryption";
    public const string DefaultFileName = "encryption-config.yaml";

    /// <summary>
    /// <c>GitOps:Encryption:KeyFile</c>: the key file (kube-apiserver's EncryptionConfiguration format).
    /// Empty means <see cref="DefaultKeyFile"/>.
    /// </summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The key file in the silo's data directory: <c>$XDG_DATA_HOME/gitops</c>, by default <c>~/.local/share/gitops</c>.</summary>
    public static string DefaultKeyFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gitops", DefaultFileName);

    public string KeyFileOrDefault => string.IsNullOrWhiteSpace(KeyFile) ? DefaultKeyFile : KeyFile;
}
