using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Patching;
using GitOps.Gateway.Tables;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Model.Validation;
using Orleans;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Resources;

/// <summary>
/// The write verbs (create, update, patch, server-side apply, delete, and status updates): each
/// parses the request, calls the object's <see cref="IResourceGrain"/> once, and maps its answer.
/// The grain computes, validates, checks Git's ownership and writes in one turn, so nothing here
/// reads the store or retries.
/// </summary>
internal sealed class ResourceWriter(IGrainFactory grains, ServerSideApply serverSideApply, IOptions<GatewayOptions> options)
{
    private const int GenerateNameAttempts = 3;
    private const string GeneratedNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public async Task<IResult> CreateAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        if (target.Resource.Namespaced && target.Namespace is null)
            return new StatusResult(KubeStatus.MethodNotAllowed("POST", target.Path + " (create namespaced objects under /namespaces/{namespace}/" + target.Resource.Plural + ")"));
        var (obj, error) = await ReadObjectAsync(httpContext, target, cancellationToken);
        if (obj is null)
            return new StatusResult(error!);
        var generated = string.IsNullOrEmpty(obj.Metadata.Name) && !string.IsNullOrEmpty(obj.Metadata.GenerateName);
        // An object without a name has no grain to judge it: its validation answers here.
        if (!generated && string.IsNullOrEmpty(obj.Metadata.Name))
            return new StatusResult(WriteResults.Invalid(target.Resource, "", ResourceCause.Of(ObjectValidator.Validate(obj))));
        for (var attempt = 0; ; attempt++)
        {
            if (generated)
                obj.Metadata.Name = obj.Metadata.GenerateName + RandomSuffix();
            obj.Metadata.ResourceVersion = null;
            var key = ResourceKey.Of(obj);
            var result = await Grain(key).CreateAsync(obj, cancellationToken);
            if (result.Outcome == ResourceOutcome.AlreadyExists && generated && attempt < GenerateNameAttempts)
                continue;
            return WriteResults.From(result, target, key.Name, Table(httpContext));
        }
    }

    public async Task<IResult> ReplaceAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        var (obj, error) = await ReadObjectAsync(httpContext, target, cancellationToken);
        if (obj is null)
            return new StatusResult(error!);
        if (obj.Metadata.Name != target.Name)
            return new StatusResult(KubeStatus.BadRequest($"the name of the object ({obj.Metadata.Name}) does not match the name on the URL ({target.Name})"));
        var grain = Grain(target.Key);
        var result = target.Status
            ? await grain.UpdateStatusAsync(obj, cancellationToken)
            : await grain.UpdateAsync(obj, cancellationToken);
        return WriteResults.From(result, target, target.Name!, Table(httpContext));
    }

    public async Task<IResult> PatchAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        if (ServerSideApply.Accepts(httpContext.Request.ContentType))
            return await serverSideApply.ApplyAsync(httpContext, target, Table(httpContext), cancellationToken);
        var (patch, error) = await ReadPatchAsync(httpContext, target, cancellationToken);
        if (patch is null)
            return new StatusResult(error!);
        var result = await Grain(target.Key).PatchAsync(patch, cancellationToken);
        return WriteResults.From(result, target, target.Name!, Table(httpContext));
    }

    /// <summary>
    /// A patch request: its type by Content-Type (415 for others, naming the accepted ones) and its
    /// body, which must be JSON (400 with line and column otherwise).
    /// </summary>
    public async Task<(PatchRequest? Patch, KubeStatus? Error)> ReadPatchAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        if (PatchFormats.For(httpContext.Request.ContentType) is not { } type)
        {
            IEnumerable<string> accepted = target.Scale ? PatchFormats.Supported : [.. PatchFormats.Supported, ServerSideApply.ContentType];
            return (null, KubeStatus.UnsupportedMediaType(httpContext.Request.ContentType, accepted));
        }
        var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
            return (null, readError);
        var (_, parseError) = RequestBody.ParseJson(body);
        if (parseError is not null)
            return (null, parseError);
        var subresource = target.Status ? Subresource.Status : target.Scale ? Subresource.Scale : Subresource.None;
        return (new PatchRequest(type, Encoding.UTF8.GetString(body), subresource), null);
    }

    public async Task<IResult> DeleteAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        var (request, error) = await ReadDeleteOptionsAsync(httpContext, cancellationToken);
        if (request is null)
            return new StatusResult(error!);
        var result = await Grain(target.Key).DeleteAsync(request, cancellationToken);
        return WriteResults.From(result, target, target.Name!, Table(httpContext));
    }

    private async Task<(KubeObject? Object, KubeStatus? Error)> ReadObjectAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        if (httpContext.Request.Query.ContainsKey("dryRun"))
            return (null, KubeStatus.BadRequest("dryRun is not supported by this server; drop --dry-run=server"));
        var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
            return (null, readError);
        var (obj, parseError) = ObjectBody.Parse(httpContext.Request.ContentType, body, options.Value.MaxRequestBodyBytes);
        if (obj is null)
            return (null, parseError);
        if (string.IsNullOrEmpty(obj.ApiVersion))
            obj.ApiVersion = target.Resource.ApiVersion;
        if (string.IsNullOrEmpty(obj.Kind))
            obj.Kind = target.Resource.Kind;
        return target.Admit(obj) is { } mismatch ? (null, mismatch) : (obj, null);
    }

    private async Task<(DeleteRequest? Request, KubeStatus? Error)> ReadDeleteOptionsAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        string? policy = httpContext.Request.Query["propagationPolicy"].ToString() is { Length: > 0 } fromQuery ? fromQuery : null;
        long? resourceVersion = null;
        string? uid = null;
        if (httpContext.Request.ContentLength is > 0 || httpContext.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
            if (body is null)
                return (null, readError);
            var (node, parseError) = RequestBody.ParseJson(body);
            if (parseError is not null)
                return (null, parseError);
            if (node is not JsonObject deleteOptions)
                return (null, KubeStatus.BadRequest("the body of a DELETE must be a DeleteOptions object"));
            policy = Fields(deleteOptions, "propagationPolicy") ?? policy;
            uid = Fields(deleteOptions, "preconditions", "uid");
            if (Fields(deleteOptions, "preconditions", "resourceVersion") is { } rv)
            {
                if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    return (null, KubeStatus.BadRequest($"invalid preconditions.resourceVersion \"{rv}\": must be a resourceVersion returned by this server"));
                resourceVersion = parsed;
            }
        }
        if (policy is not (null or "Orphan" or "Background" or "Foreground"))
            return (null, KubeStatus.BadRequest($"invalid propagationPolicy \"{policy}\": must be Orphan, Background or Foreground"));
        return (new DeleteRequest(policy, resourceVersion, uid), null);
    }

    private static string? Fields(JsonObject node, params string[] path) =>
        Tables.Fields.At(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IncludeObject? Table(HttpContext httpContext) =>
        ResponseFormat.WantsTable(httpContext.Request) ? IncludeObject.Metadata : null;

    private IResourceGrain Grain(ResourceKey key) => grains.GetGrain<IResourceGrain>(key.ToString());

    private static string RandomSuffix()
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
            suffix[i] = GeneratedNameAlphabet[RandomNumberGenerator.GetInt32(GeneratedNameAlphabet.Length)];
        return new string(suffix);
    }
}
