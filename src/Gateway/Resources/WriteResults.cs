using GitOps.Gateway.Errors;
using GitOps.Gateway.Registry;
using GitOps.Grains.Resources;
using GitOps.Gateway.Tables;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>Maps a resource grain's outcome to the answer the apiserver would give.</summary>
internal static class WriteResults
{
    public static IResult From(ResourceResult result, ResourceTarget target, string name, IncludeObject? table) =>
        result.Succeeded
            ? new KubeObjectResult(result.Object!, result.Outcome == ResourceOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, table)
            : new StatusResult(Failure(result, target.Resource, name));

    /// <summary>The Status of a write that did not succeed: 404, 409 (with the other field managers as causes), 422 (one cause per field), 403, 400.</summary>
    public static KubeStatus Failure(ResourceResult result, ApiResource resource, string name) => result.Outcome switch
    {
        ResourceOutcome.NotFound => KubeStatus.NotFound(resource, name),
        ResourceOutcome.AlreadyExists => KubeStatus.AlreadyExists(resource, name),
        ResourceOutcome.Conflict => WithCauses(KubeStatus.Conflict(resource, name,
            result.Message ?? "the object has been modified; please apply your changes to the latest version and try again"), result.Causes),
        ResourceOutcome.Invalid => Invalid(resource, name, result.Causes is { Count: > 0 } causes
            ? causes
            : [new ResourceCause("FieldValueInvalid", result.Message ?? "the object is invalid", null)]),
        ResourceOutcome.Forbidden => KubeStatus.Forbidden(resource, name, result.Message ?? "the write is not allowed"),
        ResourceOutcome.BadRequest => KubeStatus.BadRequest(result.Message ?? $"the request to write {resource.QualifiedPlural} \"{name}\" is malformed"),
        _ => KubeStatus.InternalError($"unexpected outcome {result.Outcome} writing {resource.QualifiedPlural} \"{name}\""),
    };

    /// <summary>422 Invalid with one cause per field at fault.</summary>
    public static KubeStatus Invalid(ApiResource resource, string name, IReadOnlyList<ResourceCause> causes) =>
        KubeStatus.Invalid(resource, name, causes.Select(ToStatusCause).ToArray());

    private static KubeStatus WithCauses(KubeStatus status, IReadOnlyList<ResourceCause>? causes) =>
        causes is not { Count: > 0 } ? status : status with
        {
            Details = status.Details! with { Causes = causes.Select(ToStatusCause).ToArray() },
        };

    private static StatusCause ToStatusCause(ResourceCause cause) => new(cause.Reason, cause.Message, cause.Field);
}
