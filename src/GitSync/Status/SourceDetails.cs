using GitOps.GitSync.Grains;
using GitOps.Grains.Health;

namespace GitOps.GitSync.Status;

/// <summary>A source's full status for the API: the grain's status, each object with its health, and the source's rolled-up health.</summary>
public sealed record SourceDetails(SourceStatus Status, HealthStatusCode Health, IReadOnlyList<ObjectDetails> Objects);

/// <summary>One object of a source with its sync status and health.</summary>
public sealed record ObjectDetails(
    string Kind, string? Namespace, string Name, string? Path, string Status, string? Message, string Health, string? HealthMessage);
