using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Gateway.Auth;

/// <summary>Compact JSON Web Tokens signed ES256 (ECDSA P-256 with SHA-256, the signature as r||s), all this cluster issues.</summary>
internal static class Jwt
{
    public const string Algorithm = "ES256";

    public static string Sign(JsonObject claims, ServiceAccountSigningKey key)
    {
        var header = new JsonObject { ["alg"] = Algorithm, ["kid"] = key.KeyId, ["typ"] = "JWT" };
        var signingInput = Encode(header) + "." + Encode(claims);
        var signature = key.Key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>True when <paramref name="token"/> looks like a JWT at all (three dot-separated parts), so other kinds of token are left to other authenticators.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2 && token.StartsWith("ey", StringComparison.Ordinal);

    /// <summary>The claims of a token whose ES256 signature <paramref name="key"/> verifies, or why not.</summary>
    public static (JsonObject? Claims, string? Error) Verify(string token, ServiceAccountSigningKey key)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
            return (null, "not a JWT");
        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            if (header?["alg"]?.GetValue<string>() != Algorithm)
                return (null, $"the token is not signed {Algorithm}");
            var signature = Base64Url.DecodeFromChars(parts[2]);
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!key.Key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                return (null, "the token's signature does not verify with this cluster's ServiceAccount key");
            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) is JsonObject claims ? (claims, null) : (null, "the token's claims are not a JSON object");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, $"the token cannot be read: {e.Message}");
        }
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
