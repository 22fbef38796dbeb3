namespace GitOps.EndToEnd.Tests.Durability;

/// <summary>
/// One write the load sent and what the client saw: the HTTP status (null when no answer came: the
/// silo was gone or the request timed out), the Status reason and message of a failure, and the
/// resourceVersion of an acknowledged write.
/// </summary>
public sealed record WriteAttempt(
    string Key,
    int Sequence,
    DateTime StartedUtc,
    TimeSpan Elapsed,
    int? Status,
    string? Reason,
    string? Message,
    long? ResourceVersion)
{
    public bool Acknowledged => ResourceVersion is not null;

    public override string ToString() =>
        $"{Key} #{Sequence} at {StartedUtc:HH:mm:ss.fff}: {(Status is { } s ? s.ToString() : "no answer")} {Reason} after {Elapsed.TotalMilliseconds:0} ms {Message}";
}
