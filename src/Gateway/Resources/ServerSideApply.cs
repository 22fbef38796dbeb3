using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Tables;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Orleans;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Server-side apply (PATCH with <c>application/apply-patch+yaml</c>, what <c>kubectl apply
/// --server-side</c> and Flux send): reads the manager's intent, the field manager and force, and
/// hands them to the object's grain (<see cref="IResourceGrain.ApplyAsync"/>), which merges,
/// records ownership and reports conflicts with other appliers, one cause per field.
/// </summary>
internal sealed class ServerSideApply(IGrainFactory grains, IOptions<GatewayOptions> options)
{
    public const string ContentType = "application/apply-patch+yaml";

    public static bool Accepts(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(ContentType, StringComparison.OrdinalIgnoreCase);

    public async Task<IResult> ApplyAsync(HttpContext httpContext, ResourceTarget target, IncludeObject? table, CancellationToken cancellationToken)
    {
        if (target.Status)
            return new StatusResult(KubeStatus.BadRequest("server-side apply of the status subresource is not supported; patch the status with a merge patch"));
        var manager = httpContext.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
            return new StatusResult(KubeStatus.BadRequest("fieldManager is required for apply requests (kubectl sends it with --server-side; set --field-manager to name yours)"));
        var force = httpContext.Request.Query["force"].ToString() is "true" or "1";
        var (intent, error) = await ReadIntentAsync(httpContext, target, cancellationToken);
        if (intent is null)
            return new StatusResult(error!);
        var result = await grains.GetGrain<IResourceGrain>(target.Key.ToString()).ApplyAsync(new ApplyRequest(intent, manager, force), cancellationToken);
        return WriteResults.From(result, target, target.Name!, table);
    }

    private async Task<(KubeObject? Intent, KubeStatus? Error)> ReadIntentAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        if (httpContext.Request.Query.ContainsKey("dryRun"))
            return (null, KubeStatus.BadRequest("dryRun is not supported by this server; drop --dry-run=server"));
        var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
            return (null, readError);
        // YAML is a superset of JSON, and kubectl sends JSON under this content type.
        var (intent, parseError) = ObjectBody.Parse("application/yaml", body, options.Value.MaxRequestBodyBytes);
        if (intent is null)
            return (null, parseError);
        if (string.IsNullOrEmpty(intent.ApiVersion) || string.IsNullOrEmpty(intent.Kind))
            return (null, KubeStatus.BadRequest("an apply must name the object's apiVersion and kind"));
        if (target.Admit(intent) is { } mismatch)
            return (null, mismatch);
        if (intent.Metadata.Name != target.Name)
            return (null, KubeStatus.BadRequest($"the name of the object ({intent.Metadata.Name}) does not match the name on the URL ({target.Name})"));
        intent.Metadata.ResourceVersion = null;
        return (intent, null);
    }
}
