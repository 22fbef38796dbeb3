using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOps.Gateway.Auth;

namespace GitOps.Gateway.Hosting;

/// <summary>
/// A self-signed TLS certificate for the HTTPS endpoint (kubectl sends a kubeconfig's token only over HTTPS): ECDSA P-256,
/// valid for localhost, 127.0.0.1, ::1, this machine's name and the names given, kept (certificate and key) in one PEM
/// file, written atomically so silos sharing it agree, and reused after a restart. Clients trust it by its own PEM (a kubeconfig's certificate-authority-data).
/// </summary>
public static class ServingCertificate
{
    public static X509Certificate2 LoadOrCreate(string path, IEnumerable<string> extraNames)
    {
        if (!File.Exists(path))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=gitops-silo", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            foreach (var name in extraNames.Append(Environment.MachineName).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (IPAddress.TryParse(name, out var address))
                    names.AddIpAddress(address);
                else
                    names.AddDnsName(name);
            }
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            var now = DateTimeOffset.UtcNow;
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
            PrivateFile.WriteOnce(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        }
        return X509Certificate2.CreateFromPemFile(path);
    }
}
