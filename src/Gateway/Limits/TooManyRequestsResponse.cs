using System.Globalization;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Metrics;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Limits;

/// <summary>
/// The answer when a limit of this silo is reached: 429 with a Status (reason TooManyRequests, the limit's
/// setting in the message) and Retry-After, which kubectl and client-go honour by waiting and retrying.
/// </summary>
internal static class TooManyRequestsResponse
{
    public const int RetryAfterSeconds = 1;

    public static Task WriteAsync(HttpContext httpContext, GatewayMetrics metrics, string setting, string message)
    {
        metrics.RequestsRejected.Increment(setting);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new StatusResult(KubeStatus.TooManyRequests(message, RetryAfterSeconds)).ExecuteAsync(httpContext);
    }
}
