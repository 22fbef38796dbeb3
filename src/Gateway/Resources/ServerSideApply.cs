using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Hosting;
using GitOps.Gateway.Tables;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Orleans;
using GitOps.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Server-side apply (PATCH with <c>application/apply-patch+yaml</c>, what <c>kubectl apply
/// --server-side</c> and Flux send): the body is the manager's whole intent. The fields it declares
/// become the manager's (recorded in managedFields), are written over the stored object (maps entry
/// by entry, lists whole), and fields the manager declared last time and no longer declares are
/// removed; an absent object is created. A declared field another applier owns with a different
/// value is a Conflict naming both, unless <c>force=true</c> takes it over. Fields written by
/// update or patch are not tracked as owned, so only appliers (Git sources among them) conflict.
/// </summary>
internal sealed class ServerSideApply(
    IGrainFactory grains,
    IResourceStore store,
    ManagedObjectCheck managed,
    ObjectChecks checks,
    IOptions<GatewayOptions> options)
{
    public const string ContentType = "application/apply-patch+yaml";
    private const int Attempts = 5;

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
        var declared = ManagedFieldEntries.Declared(intent);
        var owned = FieldSet.Declared(declared);

        for (var attempt = 1; ; attempt++)
        {
            var now = TimeProvider.System.GetUtcNow();
            var stored = await store.GetAsync(target.Key, cancellationToken);
            ResourceResult result;
            if (stored is null)
            {
                var created = intent.DeepClone();
                created.Status = null;
                created.Metadata.Node.Remove("managedFields");
                ManagedFieldEntries.Record(created, manager, ManagedFieldEntries.ApplyOperation, owned, now);
                if (checks.Validate(target.Resource, created) is { } invalid)
                    return new StatusResult(invalid);
                result = await Grain(target.Key).CreateAsync(created, cancellationToken);
                if (result.Outcome == ResourceOutcome.AlreadyExists && attempt < Attempts)
                    continue;
                return WriteResults.From(result, target, target.Name!, table);
            }
            if (await managed.RefusalAsync("apply", target, stored, cancellationToken) is { } refusal)
                return new StatusResult(refusal);

            var next = stored.DeepClone();
            var conflicts = TakeOver(next, manager, owned, declared, force, now);
            if (conflicts.Count > 0)
                return new StatusResult(ConflictStatus(target, conflicts));
            ManagedFieldEntries.Apply(next, manager, declared, now);
            if (checks.Validate(target.Resource, next) is { } invalidUpdate)
                return new StatusResult(invalidUpdate);
            result = await Grain(target.Key).UpdateAsync(next, cancellationToken);
            if (result.Outcome == ResourceOutcome.Conflict && attempt < Attempts)
                continue;
            return WriteResults.From(result, target, target.Name!, table);
        }
    }

    private static KubeStatus ConflictStatus(ResourceTarget target, List<FieldConflict> conflicts)
    {
        var status = KubeStatus.Conflict(target.Resource, target.Name!,
            $"Apply failed with {conflicts.Count} conflict{(conflicts.Count == 1 ? "" : "s")}: " +
            string.Join("; ", conflicts.Select(c => $"conflict with \"{c.Manager}\": {c.Field}")) +
            ". Leave these fields out of your apply, or take them over with --force-conflicts (force=true)");
        return status with
        {
            Details = status.Details! with
            {
                Causes = conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with \"{c.Manager}\"", c.Field)).ToArray(),
            },
        };
    }

    private sealed record FieldConflict(string Manager, string Field);

    /// <summary>
    /// The conflicts with other appliers: declared fields they own with another value. With
    /// <paramref name="force"/> those fields leave the other managers' sets instead and nothing is reported.
    /// </summary>
    private static List<FieldConflict> TakeOver(KubeObject next, string manager, FieldSet owned, JsonObject declared, bool force, DateTimeOffset now)
    {
        var conflicts = new List<FieldConflict>();
        foreach (var (other, fields) in ManagedFieldEntries.Appliers(next))
        {
            if (other == manager)
                continue;
            var remaining = fields;
            foreach (var path in owned.Leaves())
            {
                if (!fields.Owns(path) || JsonNode.DeepEquals(ValueAt(next.Root, path), ValueAt(declared, path)))
                    continue;
                if (force)
                    remaining = remaining.Without(path);
                else
                    conflicts.Add(new FieldConflict(other, "." + string.Join('.', path)));
            }
            if (force && !ReferenceEquals(remaining, fields))
                ManagedFieldEntries.Record(next, other, ManagedFieldEntries.ApplyOperation, remaining, now);
        }
        return conflicts;
    }

    private static JsonNode? ValueAt(JsonObject root, IReadOnlyList<string> path)
    {
        JsonNode? node = root;
        foreach (var field in path)
            node = (node as JsonObject)?[field];
        return node;
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

    private IResourceGrain Grain(ResourceKey key) => grains.GetGrain<IResourceGrain>(key.ToString());
}
