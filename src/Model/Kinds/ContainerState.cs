using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>The state of a container: exactly one of waiting, running or terminated, named by <see cref="State"/>.</summary>
public sealed record ContainerState(
    string State,
    string? Reason = null,
    string? Message = null,
    int? ExitCode = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null)
{
    public const string Waiting = "waiting";
    public const string Running = "running";
    public const string Terminated = "terminated";

    public static ContainerState? FromJson(JsonObject? node)
    {
        if (node is null)
            return null;
        foreach (var state in (ReadOnlySpan<string>)[Running, Terminated, Waiting])
        {
            if (node.GetObject(state) is { } detail)
            {
                return new ContainerState(state, detail.GetString("reason"), detail.GetString("message"), detail.GetInt("exitCode"),
                    detail.GetTime("startedAt"), detail.GetTime("finishedAt"));
            }
        }
        return null;
    }

    public JsonObject ToJson()
    {
        var detail = new JsonObject();
        detail.SetString("reason", Reason);
        detail.SetString("message", Message);
        detail.SetInt("exitCode", ExitCode);
        detail.SetTime("startedAt", StartedAt);
        detail.SetTime("finishedAt", FinishedAt);
        return new JsonObject { [State] = detail };
    }
}
