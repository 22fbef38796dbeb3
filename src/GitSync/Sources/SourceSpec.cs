using System.Text.Json.Serialization;

namespace GitOps.GitSync.Sources;

[GenerateSerializer, Alias("GitOps.SourceOrigin")]
[JsonConverter(typeof(JsonStringEnumConverter<SourceOrigin>))]
public enum SourceOrigin { Configuration, Api }

/// <summary>
/// A validated Git source: where to read manifests and how to sync them. Two specs are equal when
/// every setting is, paths included: a spec that crossed a grain call or storage is a copy, and
/// comparing its path list by reference would call it changed and start a sync for nothing.
/// </summary>
[GenerateSerializer, Alias("GitOps.SourceSpec")]
public sealed record SourceSpec(
    string Name,
    string Url,
    string Branch,
    IReadOnlyList<string> Paths,
    TimeSpan PollInterval,
    bool Prune,
    bool SelfHeal,
    string? Credentials,
    SourceOrigin Origin,
    bool AllowInsecureHttp = false)
{
    public bool Equals(SourceSpec? other) =>
        other is not null
        && (Name, Url, Branch, PollInterval, Prune, SelfHeal, Credentials, Origin, AllowInsecureHttp)
            == (other.Name, other.Url, other.Branch, other.PollInterval, other.Prune, other.SelfHeal, other.Credentials, other.Origin, other.AllowInsecureHttp)
        && Paths.SequenceEqual(other.Paths, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Name, Url, Branch, Paths.Count, PollInterval, Prune, SelfHeal, Origin);
}
