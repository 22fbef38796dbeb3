namespace GitOps.Grains.Controllers.Infrastructure.Events;

/// <summary>One event waiting to be written. <see cref="InvolvedObject"/> is the core/v1 ObjectReference.</summary>
internal sealed record EventRequest(
    string Component,
    string InvolvedApiVersion,
    string InvolvedKind,
    string InvolvedNamespace,
    string InvolvedName,
    string InvolvedUid,
    EventType Type,
    string Reason,
    string Message,
    DateTimeOffset Time)
{
    /// <summary>Events with the same key are aggregated into one Event object (count, lastTimestamp).</summary>
    public string AggregationKey => $"{Component}\n{InvolvedKind}\n{InvolvedNamespace}\n{InvolvedName}\n{InvolvedUid}\n{Type}\n{Reason}\n{Message}";
}
