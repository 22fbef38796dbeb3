namespace GitOps.GitSync.Sync;

/// <summary>
/// Source <see cref="Claimant"/> declares the object <see cref="Key"/> (in <see cref="Path"/>:<see cref="Line"/>
/// of <see cref="Repository"/>), which source <see cref="Owner"/> manages. The claimant's apply is refused;
/// both sources report the conflict until one of them stops declaring the object.
/// </summary>
[GenerateSerializer, Immutable, Alias("GitOps.SourceClaim")]
public sealed record SourceClaim(string Key, string Owner, string Claimant, string Repository, string Path, int Line);
