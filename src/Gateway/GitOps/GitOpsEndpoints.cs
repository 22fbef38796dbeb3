using GitOps.GitSync.Api;
using GitOps.GitSync.Grains;
using GitOps.GitSync.Status;
using GitOps.GitSync.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Gateway.GitOpsApi;

/// <summary>The GitOps API under <c>/api/gitops</c>: sources, their status, history, sync trigger, dry-run diff, webhook and the dashboard status document.</summary>
public static class GitOpsEndpoints
{
    public const string Tag = "GitOps";

    public static IEndpointRouteBuilder MapGitOpsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/gitops").WithTags(Tag);
        var sources = api.MapGroup("/sources");

        sources.MapGet("/", ListSources).WithName("ListGitSources").WithSummary("Lists the Git sources with their phase and synced commit.");
        sources.MapPost("/", AddSource).WithName("AddGitSource").WithSummary("Adds a Git source (persisted) and starts syncing it.");
        sources.MapGet("/{name}", GetSource).WithName("GetGitSource")
            .WithSummary("A source's settings, phase, commits, errors with file and line, and each object's sync status and health.");
        sources.MapDelete("/{name}", RemoveSource).WithName("RemoveGitSource")
            .WithSummary("Removes a source added through the API; the objects it applied stay.");
        sources.MapGet("/{name}/history", GetHistory).WithName("GetGitSourceHistory").WithSummary("The source's last sync runs, newest first.");
        sources.MapPost("/{name}/sync", TriggerSync).WithName("SyncGitSource")
            .WithSummary("Syncs the source now; during a sync, queues exactly one follow-up.");
        sources.MapGet("/{name}/diff", Diff).WithName("DiffGitSource").WithSummary("What the next sync would change (dry run).");

        api.MapPost("/webhook", WebhookEndpoint.HandleAsync).WithName("GitOpsWebhook")
            .WithSummary("Push notification (GitHub, GitLab or generic): syncs the sources of the pushed repository and branch.")
            .Accepts<object>("application/json");
        api.MapGet("/status", StatusEndpoint.Get).WithName("GitOpsStatus")
            .WithSummary("One document for dashboards: sources, object health, nodes, pods, deployments. Supports If-None-Match.")
            .Produces<GitOpsStatusDocument>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<SourceView>>> ListSources(SourceManager manager, StatusDocumentCache status, CancellationToken cancellationToken)
    {
        var summaries = (await status.GetCurrentAsync(cancellationToken)).Document.Sources.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var sources = await manager.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SourceView>>(sources.Select(s => SourceView.From(s, summaries.GetValueOrDefault(s.Name))).ToList());
    }

    private static async Task<Results<Created<SourceView>, ValidationProblem, Conflict<ProblemDetails>>> AddSource(
        AddSourceRequest request, SourceManager manager, CancellationToken cancellationToken)
    {
        var change = await manager.AddAsync(request.ToSettings(), cancellationToken);
        return change.Outcome switch
        {
            SourceChangeOutcome.Done => TypedResults.Created($"/api/gitops/sources/{change.Spec!.Name}", SourceView.From(change.Spec)),
            SourceChangeOutcome.Invalid => TypedResults.ValidationProblem(
                change.Errors.GroupBy(e => e.Split(' ', 2)[0]).ToDictionary(g => g.Key, g => g.ToArray())),
            _ => GitOpsProblems.Conflict(change.Errors),
        };
    }

    private static async Task<Results<Ok<SourceDetailsView>, NotFound<ProblemDetails>>> GetSource(
        string name, SourceManager manager, CancellationToken cancellationToken) =>
        await manager.GetAsync(name, cancellationToken) is { } details
            ? TypedResults.Ok(SourceDetailsView.From(details))
            : GitOpsProblems.SourceNotFound(name);

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RemoveSource(
        string name, SourceManager manager, CancellationToken cancellationToken)
    {
        var change = await manager.RemoveAsync(name, cancellationToken);
        return change.Outcome switch
        {
            SourceChangeOutcome.Done => TypedResults.NoContent(),
            SourceChangeOutcome.NotFound => GitOpsProblems.SourceNotFound(name),
            _ => GitOpsProblems.Conflict(change.Errors),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<SyncRunRecord>>, NotFound<ProblemDetails>>> GetHistory(
        string name, SourceManager manager, CancellationToken cancellationToken) =>
        await manager.GetHistoryAsync(name, cancellationToken) is { } history
            ? TypedResults.Ok(history)
            : GitOpsProblems.SourceNotFound(name);

    private static async Task<Results<Accepted<TriggerResult>, NotFound<ProblemDetails>>> TriggerSync(
        string name, SourceManager manager, CancellationToken cancellationToken)
    {
        var result = await manager.TriggerAsync(name, "api", cancellationToken);
        return result.Outcome == TriggerOutcome.UnknownSource
            ? GitOpsProblems.SourceNotFound(name)
            : TypedResults.Accepted($"/api/gitops/sources/{name}", result);
    }

    private static async Task<Results<Ok<SyncDiff>, NotFound<ProblemDetails>>> Diff(
        string name, SourceManager manager, CancellationToken cancellationToken) =>
        await manager.DiffAsync(name, cancellationToken) is { } diff
            ? TypedResults.Ok(diff)
            : GitOpsProblems.SourceNotFound(name);
}
