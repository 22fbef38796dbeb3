using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Errors;

/// <summary>Writes a <see cref="KubeStatus"/> with its HTTP code.</summary>
public sealed class StatusResult(KubeStatus status) : IResult
{
    public KubeStatus Status { get; } = status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status.Code;
        httpContext.Response.ContentType = "application/json";
        await httpContext.Response.Body.WriteAsync(Status.ToUtf8Json(), httpContext.RequestAborted);
    }
}
