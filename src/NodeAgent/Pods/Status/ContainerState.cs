using System.Text.Json.Nodes;

namespace GitOps.NodeAgent.Pods.Status;

/// <summary>
/// A container's state as the API shows it: waiting (with a reason), running, or terminated (with
/// an exit code). Its times are the caller's (read from the agent's clock when the state changed);
/// <see cref="ToJson"/> writes the ones it has and never makes one up.
/// </summary>
public sealed record ContainerState(
    ContainerStateKind Kind,
    string? Reason = null,
    string? Message = null,
    int ExitCode = 0,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null)
{
    public static ContainerState Waiting(string reason, string? message = null) => new(ContainerStateKind.Waiting, reason, message);

    public static ContainerState Running(DateTimeOffset startedAt) => new(ContainerStateKind.Running, StartedAt: startedAt);

    public static ContainerState Terminated(int exitCode, string reason, DateTimeOffset startedAt, DateTimeOffset finishedAt, string? message = null) =>
        new(ContainerStateKind.Terminated, reason, message, exitCode, startedAt, finishedAt);

    public bool IsRunning => Kind == ContainerStateKind.Running;

    public bool IsTerminated => Kind == ContainerStateKind.Terminated;

    public JsonObject ToJson()
    {
        var body = new JsonObject();
        switch (Kind)
        {
            case ContainerStateKind.Waiting:
                body["reason"] = Reason;
                if (Message is not null)
                    body["message"] = Message;
                return new JsonObject { ["waiting"] = body };
            case ContainerStateKind.Running:
                if (StartedAt is { } running)
                    body["startedAt"] = Timestamps.Format(running);
                return new JsonObject { ["running"] = body };
            default:
                body["exitCode"] = ExitCode;
                body["reason"] = Reason;
                if (Message is not null)
                    body["message"] = Message;
                if (StartedAt is { } started)
                    body["startedAt"] = Timestamps.Format(started);
                if (FinishedAt is { } finished)
                    body["finishedAt"] = Timestamps.Format(finished);
                return new JsonObject { ["terminated"] = body };
        }
    }
}
