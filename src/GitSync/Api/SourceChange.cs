using GitOps.GitSync.Sources;

namespace GitOps.GitSync.Api;

public enum SourceChangeOutcome { Done, Invalid, Conflict, NotFound }

/// <summary>The outcome of adding or removing a source, with messages that say what to do.</summary>
public sealed record SourceChange(SourceChangeOutcome Outcome, SourceSpec? Spec, IReadOnlyList<string> Errors);
