using GitOps.GitSync.Api;
using GitOps.GitSync.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GitOps.Gateway.GitOpsApi;

/// <summary><c>POST /api/gitops/webhook</c>: reads the raw body (the signature covers its exact bytes) and hands it to the <see cref="WebhookHandler"/>.</summary>
internal static class WebhookEndpoint
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static async Task<Results<Accepted<WebhookAccepted>, ProblemHttpResult, BadRequest<ProblemDetails>>> HandleAsync(
        HttpRequest request, WebhookHandler handler, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return GitOpsProblems.BadRequest($"The webhook body is larger than {MaxBodyBytes} bytes.");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return GitOpsProblems.BadRequest($"The webhook body is larger than {MaxBodyBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        var outcome = await handler.HandleAsync(
            buffer.ToArray(),
            request.Headers[WebhookSignature.SignatureHeader].ToString() is { Length: > 0 } signature ? signature : null,
            request.Headers[WebhookSignature.GitLabTokenHeader].ToString() is { Length: > 0 } token ? token : null,
            cancellationToken);
        return outcome.Result switch
        {
            WebhookResult.Accepted => TypedResults.Accepted((string?)null, new WebhookAccepted(outcome.TriggeredSources, outcome.Message)),
            WebhookResult.Unauthorized => GitOpsProblems.Unauthorized(outcome.Message!),
            _ => GitOpsProblems.BadRequest(outcome.Message!),
        };
    }
}
