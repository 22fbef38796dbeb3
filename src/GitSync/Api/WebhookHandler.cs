using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Webhooks;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Api;

/// <summary>
/// Handles push notifications: checks the signature (HMAC-SHA256 <c>X-Hub-Signature-256</c>, or
/// GitLab's <c>X-Gitlab-Token</c>) when <c>GitOps:WebhookSecret</c> is set, then triggers a sync of
/// every source of the pushed repository and branch.
/// </summary>
public sealed class WebhookHandler(SourceManager sources, SourceCatalog catalog, IOptions<GitOpsOptions> options)
{
    public async Task<WebhookOutcome> HandleAsync(byte[] body, string? signature, string? gitLabToken, CancellationToken cancellationToken)
    {
        var secret = options.Value.WebhookSecret;
        if (!string.IsNullOrEmpty(secret)
            && !WebhookSignature.IsValidSignature(body, secret, signature)
            && !WebhookSignature.IsValidToken(secret, gitLabToken))
        {
            return new WebhookOutcome(WebhookResult.Unauthorized, [],
                $"The webhook signature is missing or wrong: sign the body with the shared secret (HMAC-SHA256 in {WebhookSignature.SignatureHeader}) or send it in {WebhookSignature.GitLabTokenHeader}.");
        }
        var (push, error) = WebhookPayloadParser.Parse(body);
        if (push is null)
            return new WebhookOutcome(WebhookResult.Invalid, [], error);
        var matched = WebhookMatcher.Match(push, await catalog.AllAsync(cancellationToken));
        var triggered = new List<string>();
        foreach (var source in matched)
        {
            await sources.TriggerAsync(source.Name, $"webhook ({push.Sender})", cancellationToken);
            triggered.Add(source.Name);
        }
        return new WebhookOutcome(WebhookResult.Accepted, triggered,
            triggered.Count == 0 ? "No source matches the pushed repository and branch." : null);
    }
}
