namespace GitOps.GitSync.Sources;

/// <summary>A source as a user writes it (configuration entry or API body), before validation.</summary>
public sealed record SourceSettings(
    string? Name,
    string? Url,
    string? Branch = null,
    IReadOnlyList<string>? Paths = null,
    string? PollInterval = null,
    bool? Prune = null,
    bool? SelfHeal = null,
    string? Credentials = null,
    bool? AllowInsecureHttp = null);
