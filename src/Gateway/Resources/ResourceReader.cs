using System.Diagnostics;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Metrics;
using GitOps.Gateway.Tables;
using GitOps.Gateway.Watch;
using GitOps.Grains.Informers;
using GitOps.Model.Selectors;
using GitOps.Store;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>
/// The read verbs: get, list and watch. They read the store, the silo's informers (a list with
/// resourceVersion=0) and the watch cache, never grains.
/// </summary>
internal sealed class ResourceReader(IResourceStore store, SharedInformerFactory informers, WatchStream watches, GatewayMetrics metrics)
{
    public async Task<IResult> GetAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        var (query, error) = QueryParameters.Parse(httpContext.Request.Query);
        if (query is null)
            return new StatusResult(error!);
        if (query.Watch)
            return Watch(httpContext, target, query with { Fields = WithName(query.Fields, target.Name!) });
        var started = Stopwatch.GetTimestamp();
        var obj = await store.GetAsync(target.Key, cancellationToken);
        metrics.StorageDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, "get");
        return obj is null
            ? new StatusResult(KubeStatus.NotFound(target.Resource, target.Name!))
            : new KubeObjectResult(obj, StatusCodes.Status200OK, Table(httpContext, query));
    }

    public async Task<IResult> ListAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        var (query, error) = QueryParameters.Parse(httpContext.Request.Query);
        if (query is null)
            return new StatusResult(error!);
        if (query.Watch)
            return Watch(httpContext, target, query);
        if (query.ResourceVersion == "0" && query.Continue is null && CachedList(target, query) is { } cached)
            return new KubeListResult(target.Resource, cached, Table(httpContext, query));
        var started = Stopwatch.GetTimestamp();
        var page = await store.ListAsync(
            new ListQuery(target.Resource.Type, target.Namespace, query.Labels, query.Fields, query.Limit, query.Continue), cancellationToken);
        metrics.StorageDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, "list");
        if (page.InvalidContinue)
            return new StatusResult(KubeStatus.BadRequest($"invalid continue \"{query.Continue}\": not a token this server issued; list again without continue"));
        if (page.Expired)
            return new StatusResult(KubeStatus.Expired(
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."));
        return new KubeListResult(target.Resource, page, Table(httpContext, query));
    }

    /// <summary>
    /// A list with resourceVersion=0 ("any version", as the apiserver serves it from its watch cache):
    /// the whole list from the silo's informer of the kind, once that has synced, so it needs no
    /// database and keeps answering while PostgreSQL is down. It may lag the store by a moment; limit
    /// is ignored, as the apiserver's cache does.
    /// </summary>
    private ListPage? CachedList(ResourceTarget target, QueryParameters query)
    {
        var informer = informers.For(target.Resource.Type);
        if (!informer.HasSynced)
            return null;
        var resourceVersion = informer.ResourceVersion;
        var items = informer.List(target.Namespace, query.Labels.IsEmpty ? null : query.Labels)
            .Where(query.Fields.Matches)
            .ToArray();
        return new ListPage(items, resourceVersion, null, null);
    }

    private IResult Watch(HttpContext httpContext, ResourceTarget target, QueryParameters query) =>
        new WatchResult(watches, new WatchRequest(
            target.Resource, target.Namespace, query.Labels, query.Fields, query.ResourceVersion,
            query.AllowWatchBookmarks, query.TimeoutSeconds, Table(httpContext, query)));

    private static FieldSelector WithName(FieldSelector fields, string name) =>
        new([.. fields.Requirements, new FieldRequirement("metadata.name", false, name)]);

    private static IncludeObject? Table(HttpContext httpContext, QueryParameters query) =>
        ResponseFormat.WantsTable(httpContext.Request) ? query.IncludeObject : null;
}
