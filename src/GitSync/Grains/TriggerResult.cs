using System.Text.Json.Serialization;

namespace GitOps.GitSync.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<TriggerOutcome>))]
public enum TriggerOutcome { Started, Queued, AlreadyQueued, UnknownSource }

/// <summary>What a sync trigger did: started a run, or queued the one follow-up run after the current one.</summary>
public sealed record TriggerResult(TriggerOutcome Outcome, long RunNumber);
