using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOps.Gateway.Auth;
using GitOps.Silo.Hosting;

namespace GitOps.Silo.Access;

/// <summary>
/// How the silo is reached, decided before the gateway binds its settings. Zero-config: without GitOps:Auth:TokenFile the
/// silo generates an admin token (user admin in system:masters) on first start, keeps it in <c>tokens.csv</c> under its
/// data directory and writes a kubeconfig next to it once it knows its address; a restart reuses the token. The key that
/// signs ServiceAccount tokens and the self-signed certificate of https:// URLs default to the data directory too. Under
/// the test-only anonymous switch no token or key is written.
/// </summary>
internal sealed record SiloAccess(string? AdminToken, string? KubeconfigPath, string? TokenFile, X509Certificate2? ServingCertificate)
{
    public const string AdminUser = "admin";
    public const string TokenFileName = "tokens.csv";
    public const string KubeconfigFileName = "kubeconfig";
    public const string SigningKeyFileName = "serviceaccount-key.pem";
    public const string ServingCertificateFileName = "tls.pem";

    public static SiloAccess Prepare(WebApplicationBuilder builder, SiloOptions options)
    {
        var configuration = builder.Configuration;
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var certificate = UseServingCertificate(builder, dataDirectory);
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.AllowAnonymous)
            return new SiloAccess(null, null, auth.TokenFile, certificate);
        var settings = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(auth.ServiceAccountKeyFile))
            settings[$"{AuthOptions.SectionName}:ServiceAccountKeyFile"] = Path.Combine(dataDirectory, SigningKeyFileName);
        SiloAccess access;
        if (!string.IsNullOrWhiteSpace(auth.TokenFile))
        {
            access = new SiloAccess(null, null, auth.TokenFile, certificate);
        }
        else
        {
            var tokenFile = Path.Combine(dataDirectory, TokenFileName);
            settings[$"{AuthOptions.SectionName}:TokenFile"] = tokenFile;
            access = new SiloAccess(EnsureAdminToken(tokenFile), Path.Combine(dataDirectory, KubeconfigFileName), tokenFile, certificate);
        }
        configuration.AddInMemoryCollection(settings);
        return access;
    }

    // kubectl sends a kubeconfig's token only over HTTPS: for https:// URLs without a certificate configured
    // (Kestrel:Certificates:Default), the silo serves a self-signed one from its data directory, which the kubeconfig trusts.
    private static X509Certificate2? UseServingCertificate(WebApplicationBuilder builder, string dataDirectory)
    {
        var urls = builder.Configuration["Urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "";
        if (!urls.Contains("https://", StringComparison.OrdinalIgnoreCase) || builder.Configuration["Kestrel:Certificates:Default:Path"] is not null)
            return null;
        var advertised = builder.Configuration["GitOps:Cluster:AdvertisedAddress"];
        var certificate = Gateway.Hosting.ServingCertificate.LoadOrCreate(Path.Combine(dataDirectory, ServingCertificateFileName), advertised is null ? [] : [advertised]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        return certificate;
    }

    /// <summary>A new random bearer token (256 bits).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    // The admin's token from the file, written with a new token on first start (atomically, so silos sharing the
    // directory agree on one). Null when someone edited the admin out of the file: their tokens are then the only ones.
    private static string? EnsureAdminToken(string tokenFile)
    {
        if (!File.Exists(tokenFile))
        {
            var admin = new UserInfo(AdminUser, Guid.NewGuid().ToString(), [UserInfo.SuperuserGroup]);
            PrivateFile.WriteOnce(tokenFile,
                "# Bearer tokens: token,user,uid,\"group1,group2\" (kube-apiserver's --token-auth-file format); read at start.\n"
                + Gateway.Auth.TokenFile.Line(NewToken(), admin) + "\n");
        }
        var contents = Gateway.Auth.TokenFile.Read(tokenFile);
        return contents.Users.Where(u => u.Value.Name == AdminUser).Select(u => u.Key).FirstOrDefault();
    }
}
