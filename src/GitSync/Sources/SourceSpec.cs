using System.Text.Json.Serialization;

namespace GitOps.GitSync.Sources;

[GenerateSerializer, Alias("GitOps.SourceOrigin")]
[JsonConverter(typeof(JsonStringEnumConverter<SourceOrigin>))]
public enum SourceOrigin { Configuration, Api }

/// <summary>A validated Git source: where to read manifests and how to sync them.</summary>
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
    SourceOrigin Origin);
