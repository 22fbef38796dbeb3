using System.Text;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Grains.Resources;
using GitOps.Store;
using Orleans;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Resources;

/// <summary>
/// The <c>scale</c> subresource of deployments, replicasets, statefulsets and replication
/// controllers (what <c>kubectl scale</c> uses): an autoscaling/v1 Scale over
/// <c>spec.replicas</c> (<see cref="ScaleView"/>). Reads come from the store; a PUT or PATCH is one
/// call to the object's grain, which applies it to the latest state, so a controller writing the
/// object's status at the same moment does not make it fail.
/// </summary>
internal sealed class ScaleSubresource(IGrainFactory grains, IResourceStore store, ResourceWriter writer, IOptions<GatewayOptions> options)
{
    public async Task<IResult> GetAsync(ResourceTarget target, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(target.Key, cancellationToken);
        return stored is null ? new StatusResult(KubeStatus.NotFound(target.Resource, target.Name!)) : Json(ScaleView.Of(stored));
    }

    public async Task<IResult> WriteAsync(HttpContext httpContext, ResourceTarget target, bool patch, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IResourceGrain>(target.Key.ToString());
        ResourceResult result;
        if (patch)
        {
            var (request, error) = await writer.ReadPatchAsync(httpContext, target, cancellationToken);
            if (request is null)
                return new StatusResult(error!);
            result = await grain.PatchAsync(request, cancellationToken);
        }
        else
        {
            var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
            if (body is null)
                return new StatusResult(readError!);
            var (_, parseError) = RequestBody.ParseJson(body);
            if (parseError is not null)
                return new StatusResult(parseError);
            result = await grain.ScaleAsync(new ScaleRequest(Encoding.UTF8.GetString(body)), cancellationToken);
        }
        return result.Succeeded
            ? Json(ScaleView.Of(result.Object!))
            : new StatusResult(WriteResults.Failure(result, target.Resource, target.Name!));
    }

    private static IResult Json(System.Text.Json.Nodes.JsonObject scale) => Results.Text(scale.ToJsonString(), "application/json");
}
