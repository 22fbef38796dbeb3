using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Resources;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Workloads.Endpoints;

/// <summary>
/// Keeps the Endpoints of one Service with a selector equal to what <see cref="EndpointsBuilder"/> says,
/// re-reading the Service and its pods on every reconcile; deletes them when the Service is gone.
/// Services without a selector have user-managed Endpoints, which are left alone.
/// </summary>
internal sealed class EndpointsControllerGrain(
    IResourceStore store,
    IOptions<ControllerOptions> options,
    ControllerMetrics metrics,
    ILogger<EndpointsControllerGrain> logger) : ControllerGrain(store, options.Value, metrics, logger), IEndpointsControllerGrain
{
    protected override async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var serviceKey = WorkloadKeys.Parse(this.GetPrimaryKeyString(), EndpointsWatch.ServiceType);
        var endpointsKey = serviceKey with { Kind = EndpointsWatch.EndpointsType.Kind };
        var existing = await Store.GetAsync(endpointsKey, cancellationToken);
        if (await Store.GetAsync(serviceKey, cancellationToken) is not { } stored)
            return await DeleteOrphanedAsync(endpointsKey, existing, cancellationToken);

        var service = new Service(stored.DeepClone());
        if (EndpointsBuilder.SelectorOf(service) is not { } selector)
            return ReconcileResult.Success();
        var pods = (await InformerAsync(EndpointsWatch.PodType, cancellationToken)).List(service.Namespace, selector);
        var desired = EndpointsBuilder.Build(service, pods);

        ResourceResult result;
        if (existing is null)
        {
            result = await ResourceGrain(endpointsKey).CreateAsync(desired, cancellationToken);
        }
        else
        {
            result = await ConflictRetry.UpdateAsync(ResourceGrain(endpointsKey), existing, current =>
            {
                if (!EndpointsBuilder.NeedsUpdate(current, desired))
                    return null;
                var next = current.DeepClone();
                if (desired.Metadata.Node["labels"] is { } labels)
                    next.Metadata.Node["labels"] = labels.DeepClone();
                else
                    next.Metadata.Node.Remove("labels");
                next.Metadata.SetOwnerReferences(desired.Metadata.OwnerReferences);
                next.Root["subsets"] = desired.Root["subsets"]?.DeepClone();
                return next;
            }, status: false, cancellationToken);
        }
        return result.Succeeded
            ? ReconcileResult.Success()
            : ReconcileResult.Failure($"writing Endpoints {endpointsKey.Namespace}/{endpointsKey.Name} failed: {result.Outcome} {result.Message}");
    }

    /// <summary>Endpoints this controller made for a Service that is gone are deleted; others are not ours.</summary>
    private async Task<ReconcileResult> DeleteOrphanedAsync(ResourceKey endpointsKey, KubeObject? existing, CancellationToken cancellationToken)
    {
        if (existing?.Metadata.ControllerReference is { Kind: Service.Kind } owner && owner.Name == endpointsKey.Name)
            await ResourceGrain(endpointsKey).DeleteAsync(new DeleteRequest(ExpectedUid: existing.Metadata.Uid), cancellationToken);
        return ReconcileResult.Gone();
    }
}
