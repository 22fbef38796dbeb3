using GitOps.Gateway.Errors;
using GitOps.Grains.Resources;
using GitOps.Gateway.Tables;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>Maps a resource grain's outcome to the answer the apiserver would give.</summary>
internal static class WriteResults
{
    public static IResult From(ResourceResult result, ResourceTarget target, string name, IncludeObject? table)
    {
        var resource = target.Resource;
        return result.Outcome switch
        {
            ResourceOutcome.Created => new KubeObjectResult(result.Object!, StatusCodes.Status201Created, table),
            ResourceOutcome.Updated or ResourceOutcome.Unchanged or ResourceOutcome.Deleted or ResourceOutcome.DeletionPending
                => new KubeObjectResult(result.Object!, StatusCodes.Status200OK, table),
            ResourceOutcome.NotFound => new StatusResult(KubeStatus.NotFound(resource, name)),
            ResourceOutcome.AlreadyExists => new StatusResult(KubeStatus.AlreadyExists(resource, name)),
            ResourceOutcome.Conflict => new StatusResult(KubeStatus.Conflict(resource, name,
                result.Message ?? "the object has been modified; please apply your changes to the latest version and try again")),
            ResourceOutcome.Invalid => new StatusResult(KubeStatus.Invalid(resource, name,
                [new StatusCause("FieldValueInvalid", result.Message ?? "the object is invalid", null)])),
            _ => new StatusResult(KubeStatus.InternalError($"unexpected outcome {result.Outcome} writing {resource.QualifiedPlural} \"{name}\"")),
        };
    }
}
