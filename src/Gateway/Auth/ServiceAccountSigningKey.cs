using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

/// <summary>
/// The ECDSA P-256 key that signs and verifies ServiceAccount tokens. Kept in <see cref="AuthOptions.ServiceAccountKeyFile"/>
/// (PKCS#8 PEM, mode 0600), generated there when the file does not exist; silos sharing the file (a volume, a mounted
/// secret) sign and accept the same tokens: the first to start writes it, atomically, and the others read it. Without the
/// setting the key lives in memory, so tokens stop working when the process ends.
/// </summary>
public sealed class ServiceAccountSigningKey : IDisposable
{
    public ServiceAccountSigningKey(IOptions<AuthOptions> options, ILogger<ServiceAccountSigningKey> logger)
    {
        var path = options.Value.ServiceAccountKeyFile;
        Key = string.IsNullOrWhiteSpace(path) ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : LoadOrCreate(path, logger);
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Key.ExportSubjectPublicKeyInfo()).AsSpan(0, 16));
    }

    public ECDsa Key { get; }

    /// <summary>The <c>kid</c> of the tokens' header: a digest of the public key.</summary>
    public string KeyId { get; }

    public void Dispose() => Key.Dispose();

    private static ECDsa LoadOrCreate(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            // Another silo sharing the file may write it first: then its key is the cluster's.
            PrivateFile.WriteOnce(path, generated.ExportPkcs8PrivateKeyPem());
            AuthLog.SigningKeyCreated(logger, path);
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidOperationException(
                $"{path} ({AuthOptions.SectionName}:ServiceAccountKeyFile) does not hold an ECDSA private key in PEM: {e.Message}. Delete it to have a new key generated (tokens issued so far stop working) or point the setting at the cluster's key.", e);
        }
        return key;
    }
}
