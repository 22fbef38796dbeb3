namespace GitOps.Gateway.GitOpsApi;

/// <summary>The answer to an accepted webhook: the sources whose sync it triggered.</summary>
public sealed record WebhookAccepted(IReadOnlyList<string> TriggeredSources, string? Message);
