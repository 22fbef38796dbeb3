using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Patching;
using GitOps.Gateway.Tables;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Resources;

/// <summary>
/// The write verbs (create, update, patch, delete, and status updates). Every write goes through
/// the object's <see cref="IResourceGrain"/>; the store is only read, to patch and to ask the
/// Git guard about the current object.
/// </summary>
internal sealed class ResourceWriter(
    IGrainFactory grains,
    IResourceStore store,
    ManagedObjectCheck managed,
    ObjectChecks checks,
    ServerSideApply serverSideApply,
    IOptions<GatewayOptions> options)
{
    private const int GenerateNameAttempts = 3;
    private const int PatchAttempts = 5;
    private const string GeneratedNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public async Task<IResult> CreateAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        if (target.Resource.Namespaced && target.Namespace is null)
            return new StatusResult(KubeStatus.MethodNotAllowed("POST", target.Path + " (create namespaced objects under /namespaces/{namespace}/" + target.Resource.Plural + ")"));
        var (obj, error) = await ReadObjectAsync(httpContext, target, cancellationToken);
        if (obj is null)
            return new StatusResult(error!);
        var generated = string.IsNullOrEmpty(obj.Metadata.Name) && !string.IsNullOrEmpty(obj.Metadata.GenerateName);
        for (var attempt = 0; ; attempt++)
        {
            if (generated)
                obj.Metadata.Name = obj.Metadata.GenerateName + RandomSuffix();
            var invalid = checks.Validate(target.Resource, obj);
            if (invalid is not null)
                return new StatusResult(invalid);
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
        var invalid = checks.Validate(target.Resource, obj);
        if (invalid is not null)
            return new StatusResult(invalid);
        if (!target.Status)
        {
            var stored = await store.GetAsync(target.Key, cancellationToken);
            if (stored is null)
                return new StatusResult(KubeStatus.NotFound(target.Resource, target.Name!));
            if (await managed.RefusalAsync("update", target, stored, cancellationToken) is { } refusal)
                return new StatusResult(refusal);
        }
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
        var apply = PatchFormats.For(httpContext.Request.ContentType);
        if (apply is null)
            return new StatusResult(KubeStatus.UnsupportedMediaType(httpContext.Request.ContentType, [.. PatchFormats.Supported, ServerSideApply.ContentType]));
        var (body, readError) = await RequestBody.ReadAsync(httpContext.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
            return new StatusResult(readError!);
        var (patch, parseError) = RequestBody.ParseJson(body);
        if (parseError is not null)
            return new StatusResult(parseError);

        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(target.Key, cancellationToken);
            if (stored is null)
                return new StatusResult(KubeStatus.NotFound(target.Resource, target.Name!));
            if (!target.Status && await managed.RefusalAsync("patch", target, stored, cancellationToken) is { } refusal)
                return new StatusResult(refusal);
            var (patched, patchError) = apply(stored.Root, patch);
            if (patchError is not null)
                return new StatusResult(new KubeStatus(422, "Invalid", $"the patch cannot be applied to {target.Resource.QualifiedPlural} \"{target.Name}\": {patchError}"));
            if (patched is not JsonObject patchedRoot)
                return new StatusResult(KubeStatus.BadRequest("the patch must leave a JSON object"));
            var obj = new KubeObject(patchedRoot);
            var mismatch = CheckIdentity(target, obj, stored);
            if (mismatch is not null)
                return new StatusResult(mismatch);
            var invalid = checks.Validate(target.Resource, obj);
            if (invalid is not null)
                return new StatusResult(invalid);
            // A patch that names a resourceVersion is a precondition; otherwise it applies to the latest state.
            var pinned = obj.Metadata.ResourceVersion != stored.Metadata.ResourceVersion;
            var grain = Grain(target.Key);
            var result = target.Status
                ? await grain.UpdateStatusAsync(obj, cancellationToken)
                : await grain.UpdateAsync(obj, cancellationToken);
            if (result.Outcome == ResourceOutcome.Conflict && !pinned && attempt < PatchAttempts)
                continue;
            return WriteResults.From(result, target, target.Name!, Table(httpContext));
        }
    }

    public async Task<IResult> DeleteAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        var (request, error) = await ReadDeleteOptionsAsync(httpContext, cancellationToken);
        if (request is null)
            return new StatusResult(error!);
        var stored = await store.GetAsync(target.Key, cancellationToken);
        if (stored is null)
            return new StatusResult(KubeStatus.NotFound(target.Resource, target.Name!));
        if (await managed.RefusalAsync("delete", target, stored, cancellationToken) is { } refusal)
            return new StatusResult(refusal);
        var result = await Grain(target.Key).DeleteAsync(request, cancellationToken);
        return WriteResults.From(result, target, target.Name!, Table(httpContext));
    }

    private async Task<(KubeObject? Object, KubeStatus? Error)> ReadObjectAsync(HttpContext httpContext, ResourceTarget target, CancellationToken cancellationToken)
    {
        if (httpContext.Request.Query.ContainsKey("dryRun"))
            return (null, KubeStatus.BadRequest("dryRun is not supported by this server; drop --dry-run=server"));
        if (IsProtobuf(httpContext.Request.ContentType))
            return (null, KubeStatus.UnsupportedMediaType(httpContext.Request.ContentType, ["application/json", "application/yaml"])
                with { Message = "this server reads JSON and YAML bodies, not protobuf; kubectl's generator commands " +
                    "(kubectl create namespace|deployment|configmap ...) send protobuf: write the object to a file and use kubectl create -f or kubectl apply -f" });
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

    private static KubeStatus? CheckIdentity(ResourceTarget target, KubeObject patched, KubeObject stored)
    {
        if (patched.Metadata.Name != stored.Metadata.Name)
            return KubeStatus.BadRequest($"a patch may not change metadata.name (from {stored.Metadata.Name} to {patched.Metadata.Name})");
        if (patched.Metadata.Namespace != stored.Metadata.Namespace)
            return KubeStatus.BadRequest($"a patch may not change metadata.namespace (from {stored.Metadata.Namespace} to {patched.Metadata.Namespace})");
        if (patched.Kind != stored.Kind || patched.Group != stored.Group)
            return KubeStatus.BadRequest($"a patch may not change the kind or API group of {target.Resource.QualifiedPlural} \"{target.Name}\"");
        return null;
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

    private static bool IsProtobuf(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.OrdinalIgnoreCase);

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
