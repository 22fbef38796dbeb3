using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Patching;
using GitOps.Grains.Resources;
using GitOps.Model.Json;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Resources;

/// <summary>
/// The <c>scale</c> subresource of deployments, replicasets, statefulsets and replication
/// controllers (what <c>kubectl scale</c> uses): an autoscaling/v1 Scale over
/// <c>spec.replicas</c>. Writes change only spec.replicas, through the object's grain, and are
/// refused for Git-managed objects like any other spec change.
/// </summary>
internal sealed class ScaleSubresource(IGrainFactory grains, IResourceStore store, ManagedObjectCheck managed, IOptions<GatewayOptions> options)
{
    public async Task<IResult> GetAsync(ResourceTarget target, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(target.Key, cancellationToken);
        return stored is null ? NotFound(target) : Json(ToScale(stored));
    }

    public async Task<IResult> WriteAsync(HttpContext httpContext, ResourceTarget target, bool patch, CancellationToken cancellationToken)
    {
        var apply = patch ? PatchFormats.For(httpContext.Request.ContentType) : null;
        if (patch && apply is null)
            return new StatusResult(KubeStatus.UnsupportedMediaType(httpContext.Request.ContentType, PatchFormats.Supported));
        var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
            return new StatusResult(readError!);
        var (input, parseError) = RequestBody.ParseJson(body);
        if (parseError is not null)
            return new StatusResult(parseError);

        var stored = await store.GetAsync(target.Key, cancellationToken);
        if (stored is null)
            return NotFound(target);
        if (await managed.RefusalAsync("scale", target, stored, cancellationToken) is { } refusal)
            return new StatusResult(refusal);
        var current = ToScale(stored);
        var (desired, patchError) = apply is null ? (input, null) : apply(current, input);
        if (patchError is not null)
            return new StatusResult(new KubeStatus(422, "Invalid", $"the patch cannot be applied to the scale of {target.Resource.QualifiedPlural} \"{target.Name}\": {patchError}"));
        if (Tables.Fields.At(desired, "spec", "replicas") is not JsonValue { } value
            || value.GetValueKind() != System.Text.Json.JsonValueKind.Number || JsonFields.ToLong(value) is not { } replicas || replicas < 0)
            return new StatusResult(KubeStatus.Invalid(target.Resource, target.Name!,
                [new StatusCause("FieldValueInvalid", "Invalid value: spec.replicas must be a non-negative integer", "spec.replicas")]));

        var updated = stored.DeepClone();
        updated.EnsureSpec()["replicas"] = replicas;
        if (Tables.Fields.Text(desired, "metadata", "resourceVersion") is { Length: > 0 } expected)
            updated.Metadata.ResourceVersion = expected;
        var result = await grains.GetGrain<IResourceGrain>(target.Key.ToString()).UpdateAsync(updated, cancellationToken);
        return result.Succeeded ? Json(ToScale(result.Object!)) : WriteResults.From(result, target, target.Name!, null);
    }

    private static JsonObject ToScale(KubeObject obj)
    {
        var metadata = new JsonObject
        {
            ["name"] = obj.Metadata.Name,
            ["namespace"] = obj.Metadata.Namespace,
            ["uid"] = obj.Metadata.Uid,
            ["resourceVersion"] = obj.Metadata.ResourceVersion,
        };
        if (obj.Metadata.CreationTimestamp is { } created)
            metadata["creationTimestamp"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var selector = Tables.Fields.Selector(Tables.Fields.At(obj.Spec, "selector"));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = Tables.Fields.At(obj.Spec, "replicas") is null ? 1 : Tables.Fields.Number(obj.Spec, "replicas") },
            ["status"] = new JsonObject
            {
                ["replicas"] = Tables.Fields.Number(obj.Status, "replicas"),
                ["selector"] = selector == "<none>" ? "" : selector,
            },
        };
    }

    private static IResult NotFound(ResourceTarget target) => new StatusResult(KubeStatus.NotFound(target.Resource, target.Name!));

    private static IResult Json(JsonObject scale) => Results.Text(scale.ToJsonString(), "application/json");
}
