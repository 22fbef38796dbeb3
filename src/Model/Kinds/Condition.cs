namespace GitOps.Model.Kinds;

/// <summary>
/// One entry of <c>status.conditions</c>. <see cref="LastHeartbeatTime"/> is used by Node conditions,
/// <see cref="LastUpdateTime"/> by Deployment conditions, <see cref="LastProbeTime"/> by Pod conditions.
/// </summary>
public sealed record Condition(
    string Type,
    string Status,
    string? Reason = null,
    string? Message = null,
    DateTimeOffset? LastTransitionTime = null,
    DateTimeOffset? LastUpdateTime = null,
    DateTimeOffset? LastHeartbeatTime = null,
    DateTimeOffset? LastProbeTime = null,
    long? ObservedGeneration = null)
{
    public bool IsTrue => Status == ConditionStatus.True;

    public bool IsFalse => Status == ConditionStatus.False;
}
