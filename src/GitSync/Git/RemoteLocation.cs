namespace GitOps.GitSync.Git;

/// <summary>Where a remote repository URL points: scheme, lower-case host, port and path segments (see <see cref="RepositoryUrl.LocationOf"/>).</summary>
public sealed record RemoteLocation(string Scheme, string Host, int Port, IReadOnlyList<string> Segments)
{
    /// <summary>
    /// True when this location lies under <paramref name="prefix"/>: the same scheme, host and port, and the prefix's
    /// path segments are the first segments of this one (whole segments: prefix <c>/org</c> does not cover <c>/org-evil</c>).
    /// </summary>
    public bool IsUnder(RemoteLocation prefix) =>
        Scheme == prefix.Scheme && Host == prefix.Host && Port == prefix.Port
        && Segments.Count >= prefix.Segments.Count
        && prefix.Segments.Select((segment, i) => segment == Segments[i]).All(same => same);
}
