using System.Security.Cryptography;
using System.Text;

namespace GitOps.GitSync.Webhooks;

/// <summary>Checks webhook authenticity: GitHub's HMAC-SHA256 <c>X-Hub-Signature-256</c> and GitLab's <c>X-Gitlab-Token</c>.</summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string GitLabTokenHeader = "X-Gitlab-Token";
    private const string Prefix = "sha256=";

    /// <summary>"sha256=&lt;hex&gt;" of the body under the secret, as GitHub computes it.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="signatureHeader"/> is the body's HMAC under the secret (compared in constant time).</summary>
    public static bool IsValidSignature(ReadOnlySpan<byte> body, string secret, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(signatureHeader) || !signatureHeader.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>True when GitLab's plain token equals the secret (compared in constant time).</summary>
    public static bool IsValidToken(string secret, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(token));
}
