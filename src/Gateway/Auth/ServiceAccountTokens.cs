using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

/// <summary>
/// Issues and checks ServiceAccount tokens: JWTs with the claims Kubernetes sets (iss, sub, aud, exp, iat, nbf, jti and
/// <c>kubernetes.io</c>: namespace, serviceaccount name and uid), signed with the cluster's <see cref="ServiceAccountSigningKey"/>.
/// </summary>
public sealed class ServiceAccountTokens(ServiceAccountSigningKey key, IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>The audience the API accepts: the issuer, as kube-apiserver's default --api-audiences.</summary>
    public string ApiAudience => options.Value.ServiceAccountIssuer;

    public (string Token, DateTimeOffset Expires) Issue(ServiceAccountIdentity account, IReadOnlyList<string> audiences, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray(audiences.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = options.Value.ServiceAccountIssuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = account.Namespace,
                ["serviceaccount"] = new JsonObject { ["name"] = account.Name, ["uid"] = account.Uid },
            },
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = account.UserName,
        };
        return (Jwt.Sign(claims, key), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>
    /// The ServiceAccount a token proves (signature, issuer, audience and time checked), or why it is refused; NotRecognized
    /// (null, null) when it is no JWT or another issuer's, so other authenticators may know it.
    /// </summary>
    public (ServiceAccountIdentity? Account, string? Failure) Verify(string token)
    {
        if (!Jwt.LooksLikeJwt(token))
            return (null, null);
        var (claims, error) = Jwt.Verify(token, key);
        if (claims is null)
            return (null, error);
        try
        {
            if (claims["iss"]?.GetValue<string>() != options.Value.ServiceAccountIssuer)
                return (null, $"the token's issuer is not {options.Value.ServiceAccountIssuer}");
            if (!Audiences(claims["aud"]).Contains(ApiAudience, StringComparer.Ordinal))
                return (null, $"the token is not meant for this API (audience {ApiAudience})");
            var now = time.GetUtcNow();
            if (claims["exp"] is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp.GetValue<long>()) + ClockSkew <= now)
                return (null, "the token has expired");
            if (claims["nbf"] is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf.GetValue<long>()) - ClockSkew > now)
                return (null, "the token is not valid yet");
            var kubernetes = claims["kubernetes.io"];
            var ns = kubernetes?["namespace"]?.GetValue<string>();
            var name = kubernetes?["serviceaccount"]?["name"]?.GetValue<string>();
            var uid = kubernetes?["serviceaccount"]?["uid"]?.GetValue<string>();
            if (string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(uid))
                return (null, "the token names no ServiceAccount (claim kubernetes.io)");
            var account = new ServiceAccountIdentity(ns, name, uid);
            return claims["sub"]?.GetValue<string>() == account.UserName ? (account, null) : (null, "the token's subject does not match its ServiceAccount");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return (null, $"a claim of the token has the wrong type: {e.Message}");
        }
    }

    private static IEnumerable<string> Audiences(JsonNode? aud) => aud switch
    {
        JsonArray array => array.Select(a => a?.GetValue<string>() ?? ""),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}
