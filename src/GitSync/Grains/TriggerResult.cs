using System.Text.Json.Serialization;

namespace GitOps.GitSync.Grains;

[GenerateSerializer, Alias("GitOps.TriggerOutcome")]
[JsonConverter(typeof(JsonStringEnumConverter<TriggerOutcome>))]
public enum TriggerOutcome { Started, Queued, AlreadyQueued, UnknownSource }

/// <summary>What a sync trigger did: started a run, or queued the one follow-up run after the current one.</summary>
[GenerateSerializer, Alias("GitOps.TriggerResult")]
public sealed record TriggerResult(TriggerOutcome Outcome, long RunNumber);
