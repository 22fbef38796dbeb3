namespace GitOps.GitSync.Api;

public enum WebhookResult { Accepted, Unauthorized, Invalid }

/// <summary>What a webhook call did: which sources it triggered, or why it was refused.</summary>
public sealed record WebhookOutcome(WebhookResult Result, IReadOnlyList<string> TriggeredSources, string? Message);
