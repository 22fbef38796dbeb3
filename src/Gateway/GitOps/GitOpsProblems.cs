using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GitOps.Gateway.GitOpsApi;

/// <summary>ProblemDetails answers of the GitOps API, each saying what to do.</summary>
internal static class GitOpsProblems
{
    public static NotFound<ProblemDetails> SourceNotFound(string name) => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Source not found",
        Detail = $"No source is named '{name}'. GET /api/gitops/sources lists them.",
    });

    public static Conflict<ProblemDetails> Conflict(IReadOnlyList<string> errors) => TypedResults.Conflict(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Conflict",
        Detail = string.Join(" ", errors),
    });

    public static BadRequest<ProblemDetails> BadRequest(string detail) => TypedResults.BadRequest(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Bad request",
        Detail = detail,
    });

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
