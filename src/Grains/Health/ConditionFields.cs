namespace GitOps.Grains.Health;

/// <summary>The parts of a status condition health rules read.</summary>
internal sealed record ConditionFields(string Status, string Reason, string Message);
